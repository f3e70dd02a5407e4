//! Mistake: the URLs in groups of `limit`, one group after another.
//!
//! It is the first bound most of us write: `chunks(limit)`, and `join_all` for each
//! chunk. Never more than `limit` requests at once, every result in order, one client,
//! timeouts: it passes every test that only counts. But a group ends when its slowest
//! request does. One URL that hangs holds its whole group, and every group after it,
//! for its full timeout, while the other slots sit idle. (`buffered(limit)` has the
//! same flaw in a subtler form: a finished request keeps its slot until every request
//! before it has finished.)

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
    let mut results = Vec::with_capacity(urls.len());
    for group in urls.chunks(limit) {
        // `limit` at once, and the next group waits for the slowest of this one.
        let fetches = group.iter().map(|url| fetch(&client, url, timeout));
        results.extend(join_all(fetches).await);
    }
    results
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
