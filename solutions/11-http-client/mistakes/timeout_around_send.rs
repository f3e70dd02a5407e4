//! Mistake: a timeout around `send()` only.
//!
//! `tokio::time::timeout` is the `asyncio.wait_for` of chapter 05, and `send()` is
//! where the request seems to happen, so that is where it goes. But `send()` finishes
//! when the response's *headers* have arrived; the body comes later, in `bytes()`, and
//! nothing limits that wait. A server that sends its headers and then stalls halfway
//! through the body (an overloaded backend, a dying proxy, a huge file on a slow link)
//! holds the request, its slot and the whole batch forever.

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
    let response = match tokio::time::timeout(timeout, client.get(url).send()).await {
        Err(_elapsed) => return Fetched::TimedOut,
        Ok(Err(error)) => return Fetched::Failed(error.to_string()),
        Ok(Ok(response)) => response,
    };
    let status = response.status();
    if !status.is_success() {
        return Fetched::BadStatus(status.as_u16());
    }
    // The headers are in; the body may never be. No timeout covers this wait.
    match response.bytes().await {
        Ok(body) => Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        },
        Err(error) => Fetched::Failed(error.to_string()),
    }
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
