//! Mistake: a new `reqwest::Client` for every request.
//!
//! The timeout looks like a setting of the client (`ClientBuilder::timeout`), so the
//! per-URL helper builds a client with it, right where it is needed. Every result is
//! right and the limit holds. But a `Client` is a connection pool: a fresh one has no
//! connection to reuse, so every request opens a new TCP connection (in production,
//! a TLS handshake too), and closes it when its client is dropped. The server sees
//! one connection per request.

use std::time::Duration;

use futures::StreamExt;
use futures::stream;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Page { status: u16, bytes: usize },
    BadStatus(u16),
    TimedOut,
    Failed(String),
}

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let fetches = urls
        .iter()
        .enumerate()
        .map(|(i, url)| async move { (i, fetch(url, timeout).await) });
    let mut done: Vec<(usize, Fetched)> = stream::iter(fetches)
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, fetched)| fetched).collect()
}

// ANCHOR: mistake
async fn fetch(url: &str, timeout: Duration) -> Fetched {
    let attempt = async {
        // A client of its own for each URL: a pool of one connection, used once.
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        let response = client.get(url).send().await?;
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
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
