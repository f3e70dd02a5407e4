//! Mistake: a 404 reported as a page.
//!
//! `send()` returns `Ok(response)` whenever the server answers, whatever the status:
//! an error status is an answer, not an `Err`. Code that takes `Ok` to mean "got the
//! page" reports a 404's error page as content (Python's `aiohttp` behaves the same
//! until you call `raise_for_status()`).

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
        async move { (i, fetch(client, url, timeout).await) }
    });
    let mut done: Vec<(usize, Fetched)> = stream::iter(fetches)
        .buffer_unordered(limit)
        .collect()
        .await;
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, fetched)| fetched).collect()
}

// ANCHOR: mistake
async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let attempt = async {
        let response = client.get(url).timeout(timeout).send().await?;
        // `Ok` only means the server answered: this is a "page" for a 404 too.
        let status = response.status().as_u16();
        let body = response.bytes().await?;
        Ok(Fetched::Page {
            status,
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
