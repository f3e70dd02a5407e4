//! Mistake: no timeout.
//!
//! Without one, a request waits as long as the server does. The happy path cannot
//! tell: fast servers answer. But one URL that never answers keeps its request, its
//! slot and so the whole batch waiting forever, and every other result with it. (The
//! `asyncio` version has the same bug; aiohttp's default total timeout of five minutes
//! only makes it slower to see.) reqwest has no default timeout at all.

// rustc warns that `timeout` is never used: that warning is this bug.
#![allow(unused_variables)]

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
    let client = reqwest::Client::new();
    let fetches = urls.iter().enumerate().map(|(i, url)| {
        let client = &client;
        async move { (i, fetch(client, url).await) }
    });
    let mut done: Vec<(usize, Fetched)> = stream::iter(fetches)
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, fetched)| fetched).collect()
}

// ANCHOR: mistake
async fn fetch(client: &reqwest::Client, url: &str) -> Fetched {
    let attempt = async {
        // No timeout: this waits as long as the server does, forever for /hang.
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
