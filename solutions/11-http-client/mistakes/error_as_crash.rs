//! Mistake: one failed URL takes the batch down.
//!
//! `asyncio.gather` without `return_exceptions=True` raises the first exception and
//! loses every other result; `try_collect` (like `try_join_all`) is its Rust twin. Here
//! each fetch uses `error_for_status()?` (Python's `raise_for_status()`) and `?` on
//! `send()`, the batch stops at the first `Err`, and `fetch_all`, which must return a
//! result per URL, can only `expect`: a 404 or a refused connection panics.

use std::time::Duration;

use futures::stream;
use futures::{StreamExt, TryStreamExt};

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
    let fetches = urls.iter().map(|url| fetch(&client, url, timeout));
    stream::iter(fetches)
        .buffered(limit)
        .try_collect()
        .await
        .expect("fetching the batch")
}

async fn fetch(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> Result<Fetched, reqwest::Error> {
    let response = match client.get(url).timeout(timeout).send().await {
        Err(error) if error.is_timeout() => return Ok(Fetched::TimedOut),
        // Python's `raise_for_status()`: a 404 becomes an `Err` for `?`.
        other => other?.error_for_status()?,
    };
    let status = response.status().as_u16();
    let bytes = response.bytes().await?.len();
    Ok(Fetched::Page { status, bytes })
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
