//! Mistake: every request at once.
//!
//! `join_all` of every fetch is chapter 02's `gather`: one client, timeouts, results
//! in order, all correct, and fast. And it opens as many connections and sends as
//! many requests at once as there are URLs: a thousand URLs is a thousand requests at
//! the server's door, which is how scrapers get rate-limited or banned, and how they
//! run out of file descriptors. Only a count taken at the server shows it.

// rustc warns that `limit` is never used: that warning is this bug.
#![allow(unused_variables)]

use std::time::Duration;

use futures::future::join_all;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Page { status: u16, bytes: usize },
    BadStatus(u16),
    TimedOut,
    Failed(String),
}

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let client = reqwest::Client::new();
    // Every request starts now: nothing makes the 4th wait for a free slot.
    join_all(urls.iter().map(|url| fetch(&client, url, timeout))).await
}
// ANCHOR_END: mistake

async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let attempt = async {
        let response = client.get(url).timeout(timeout).send().await?;
        let status = response.status();
        if !status.is_success() {
            return Ok(Fetched::BadStatus(status.as_u16()));
        }
        let body = response.bytes().await?;
        Ok(Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        })
    };
    attempt.await.unwrap_or_else(|error: reqwest::Error| {
        if error.is_timeout() {
            Fetched::TimedOut
        } else {
            Fetched::Failed(error.to_string())
        }
    })
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
