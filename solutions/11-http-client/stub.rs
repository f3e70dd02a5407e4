//! # Exercise 11: http-client — a concurrent fetcher with `reqwest` (aiohttp scraping)
//!
//! A status page checks a list of URLs every minute and shows, for each, what came
//! back. Write [`fetch_all`]: GET every URL in `urls` and return one [`Fetched`] per
//! URL, **in the order of `urls`**. The rules:
//!
//! - **One `reqwest::Client` for the whole batch.** A client is a connection pool:
//!   with keep-alive, `limit` connections can carry any number of requests. The tests
//!   count the TCP connections the server accepts.
//! - **At most `limit` requests in flight** at any moment, and otherwise as many as
//!   that allows: when a request ends, the next URL takes its place at once, whatever
//!   the others are doing (the server counts the requests it is handling at once).
//! - **Each request gets at most `timeout`**, from connecting until its body has
//!   arrived (a server may send its headers and then stall in the body). A URL that
//!   takes longer is [`Fetched::TimedOut`] and costs the batch no more than that: the
//!   others go on, and the batch completes.
//! - **Every URL gets its own result; nothing panics, nothing stops the batch.** A
//!   success status (2xx) is [`Fetched::Page`], with the status and the length of the
//!   body in bytes. Any other status (404, 500 …) is [`Fetched::BadStatus`] (no need to
//!   read its body). Any other failure, such as a refused connection, is
//!   [`Fetched::Failed`] with the error's text (`error.to_string()`).
//!
//! `limit` is at least 1. The tests run local servers on `127.0.0.1` with endpoints
//! that answer after a delay, answer 404 or 500, stop halfway through the body, or
//! never answer at all, on the real clock with short timeouts.
//!
//! Hint: build the client once (`reqwest::Client::new()`), give each request its
//! timeout (`RequestBuilder::timeout`), bound the batch with
//! `futures::StreamExt::buffer_unordered` (or a `tokio::sync::Semaphore`), and sort
//! each `reqwest::Error` with `is_timeout()`. Run `cargo workshop hint 11` for more.
//!
//! Check your work with `cargo workshop check 11` (or `cargo test -p
//! http-client-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::time::Duration;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A success status (2xx) and the whole body, `bytes` long.
    Page { status: u16, bytes: usize },
    /// The server answered with a status that is not a success (404, 500 …).
    BadStatus(u16),
    /// No complete answer (headers and body) within the timeout.
    TimedOut,
    /// No answer at all for another reason (refused, reset …): the error, as text.
    Failed(String),
}

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    todo!(
        "fetch_all: one reqwest::Client, at most `limit` requests at once, each with its own timeout, and one Fetched per URL in the order of `urls`"
    )
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../exercises/11-http-client/tests/spec.rs"]
mod spec;
