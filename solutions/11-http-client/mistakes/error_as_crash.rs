//! Mistake: one failed URL takes the batch down.
//! class: path — every test of URLs that answer passes; only an error status, a
//! refused connection or a broken body shows it.
//!
//! `asyncio.gather` without `return_exceptions=True` raises the first exception and
//! loses every other result; `try_collect` (like `try_join_all`) is its Rust twin. Here
//! each fetch uses `error_for_status()?` (Python's `raise_for_status()`) and `?` on
//! `send()`, the batch stops at the first `Err`, and `fetch_all`, which must return a
//! result per URL, can only `expect`: a 404 or a refused connection panics.

use std::time::Duration;

use futures::stream;
use futures::{StreamExt, TryStreamExt};

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let fetches = urls.iter().map(|url| fetch_url(&client, url, timeout));
    stream::iter(fetches)
        .buffered(limit)
        .try_collect()
        .await
        .expect("fetching the batch")
}

async fn fetch_url(
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

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
