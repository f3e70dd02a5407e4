//! Another correct way: a hand loop over a `FuturesUnordered` that keeps it topped up
//! to `limit`, the timeout set once on the client (`ClientBuilder::timeout`), and the
//! body counted chunk by chunk.

use std::error::Error as _;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

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
/// Style: the loop a `buffer_unordered` hides, written out. While fewer than `limit`
/// fetches run, the next URL joins them; then the loop waits for whichever ends first
/// and puts its result in its slot. The client's own timeout covers every request it
/// sends, from connecting until the body's last chunk.
///
/// # Panics
/// At once, if `limit` is 0 or `timeout` is zero; never because of a URL.
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    assert!(limit >= 1, "fetch_all: the limit must be at least 1, not 0");
    assert!(
        timeout > Duration::ZERO,
        "fetch_all: the timeout must be more than zero"
    );
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("a client with a timeout and nothing else of its own");
    let mut results: Vec<Option<Fetched>> = vec![None; urls.len()];
    let mut waiting = urls.iter().enumerate();
    let mut running = FuturesUnordered::new();
    loop {
        while running.len() < limit {
            let Some((i, url)) = waiting.next() else {
                break;
            };
            let client = &client;
            running.push(async move { (i, fetch(client, url).await) });
        }
        match running.next().await {
            Some((i, fetched)) => results[i] = Some(fetched),
            None => break, // nothing running, nothing waiting
        }
    }
    results
        .into_iter()
        .map(|fetched| fetched.expect("every URL was fetched"))
        .collect()
}

async fn fetch(client: &reqwest::Client, url: &str) -> Fetched {
    let mut response = match client.get(url).send().await {
        Ok(response) => response,
        Err(error) => return sort(&error),
    };
    let status = response.status();
    if !status.is_success() {
        return Fetched::BadStatus(status.as_u16());
    }
    let mut bytes = 0;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes += chunk.len(),
            Ok(None) => {
                return Fetched::Page {
                    status: status.as_u16(),
                    bytes,
                };
            }
            Err(error) => return sort(&error),
        }
    }
}

fn sort(error: &reqwest::Error) -> Fetched {
    if error.is_timeout() {
        return Fetched::TimedOut;
    }
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        text = format!("{text}: {error}");
        cause = error.source();
    }
    Fetched::Failed(text)
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
