//! # Exercise 11: http-client — a concurrent fetcher with `reqwest` (aiohttp scraping)
//!
//! A status page checks a list of URLs every minute and shows, for each, what came
//! back. Write [`fetch_all`]: GET every URL in `urls` and return one [`Fetched`] per
//! URL, **in the order of `urls`**. The rules:
//!
//! - **One `reqwest::Client` for the whole batch.** A client is a connection pool:
//!   with keep-alive, `limit` connections can carry any number of requests, and a
//!   connection that one request leaves idle is there for the next request to that
//!   server, whichever it is. The tests count the TCP connections the server accepts.
//!   (Build it in `fetch_all`, or keep one for the whole program in a `static`: both
//!   are one client for the batch.)
//! - **At most `limit` requests in flight** at any moment, and otherwise as many as
//!   that allows: when a request ends, the next URL takes its place at once, whatever
//!   the others are doing (the server counts the requests it is handling at once).
//! - **Each request gets at most `timeout`**, from connecting until its body has
//!   arrived (a server may send its headers and then stall in the body, or send them
//!   late): one budget for the whole exchange, not one per step. The clock starts when
//!   the request does; waiting for a free slot does not count. A URL that takes longer
//!   is [`Fetched::TimedOut`] and costs the batch no more than that: the others go on,
//!   and the batch completes. A request that has timed out is over: it no longer holds
//!   a slot or a connection.
//! - **Every URL gets its own result; nothing panics, nothing stops the batch.** A
//!   success status (2xx) is [`Fetched::Page`], with the status and the length of the
//!   body in **bytes** (not characters). Any other status (a 3xx the client does not
//!   follow, 404, 500 …) is [`Fetched::BadStatus`] (no need to read its body). Any
//!   other failure, such as a refused connection, a body cut short or a malformed URL,
//!   is [`Fetched::Failed`] with the error's text and its causes: the error's `Display`,
//!   then the `Display` of each `source()` in turn, joined by `": "`. (reqwest's own
//!   text names only the request, `error sending request for url (…)`; the causes say
//!   what went wrong: `…: client error (Connect): tcp connect error: Connection refused
//!   (os error 111)`.)
//!
//! Also part of the task:
//! - **One request per entry of `urls`**, each sent once: no retries. A URL that is
//!   there twice is fetched twice. Redirects are followed as the client does by
//!   default, and the result is the final answer's.
//! - The limit covers the whole request, body included: a request is in flight until
//!   its body has arrived (or it failed, or timed out).
//! - `limit` must be at least 1: `fetch_all` with a limit of 0 (no request could ever
//!   start) panics at once, saying so, before sending anything. A limit above the number
//!   of URLs, up to `usize::MAX`, is no limit: every URL at once.
//! - `timeout` must be more than zero: a zero timeout (no request could ever finish)
//!   panics at once, saying so. A huge one (up to `Duration::MAX`) is as good as none.
//! - The arguments are checked first, whatever `urls` holds: with no URLs too, a limit of
//!   0 or a zero timeout panics.
//! - No URLs (and good arguments): no requests, and an empty `Vec`.
//! - Dropping the returned future (a `timeout` around the call, a lost `select!` branch)
//!   cancels every request in flight: their connections close, and nothing is left
//!   running.
//!
//! The tests run local servers on `127.0.0.1` with endpoints that answer after a delay,
//! answer 3xx, 404 or 500, send their headers late, trickle or cut short their body,
//! stop halfway through it, or never answer at all, on the real clock with short
//! timeouts.
//!
//! Hint: build the client once (`reqwest::Client::new()`), give each request its
//! timeout (`RequestBuilder::timeout`), bound the batch with
//! `futures::StreamExt::buffer_unordered` (or a `tokio::sync::Semaphore`), sort each
//! `reqwest::Error` with `is_timeout()`, and follow its causes with
//! `std::error::Error::source()`. Run `cargo workshop hint 11` for more.
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
    /// No answer at all for another reason (refused, reset …): the error and its
    /// causes, as text.
    Failed(String),
}

/// GETs every URL, at most `limit` at once, each within `timeout`; one result per URL,
/// in the order of `urls`.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    todo!(
        "fetch_all: one reqwest::Client, at most `limit` requests at once, each with its own timeout, and one Fetched per URL in the order of `urls`"
    )
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../exercises/11-http-client/tests/spec.rs"]
mod spec;
