//! Another correct way: `limit` worker tasks in a `JoinSet`, sharing one client and
//! taking the next URL from a shared cursor.
//!
//! The asyncio shape of a worker pool: no more requests at once than there are
//! workers, and a worker that finishes takes the next URL at once. It is correct
//! because of three choices: the workers share *one* pool (`client.clone()` is a handle
//! to it, so an idle connection serves whichever worker needs one); the timeout is one
//! `tokio::time::timeout` around the request and its body together; and the workers
//! live in a `JoinSet`, which aborts them if `fetch_all` is dropped, so no request
//! outlives the batch.

use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::task::JoinSet;

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
    assert!(limit > 0, "fetch_all: the limit must be at least 1, not 0");
    assert!(
        !timeout.is_zero(),
        "fetch_all: the timeout must be more than 0"
    );
    let client = reqwest::Client::new();
    let urls: Arc<Vec<String>> = Arc::new(urls.to_vec());
    let cursor = Arc::new(AtomicUsize::new(0));
    // ANCHOR: workers
    let mut workers = JoinSet::new();
    for _ in 0..limit.min(urls.len()) {
        let (client, urls, cursor) = (client.clone(), Arc::clone(&urls), Arc::clone(&cursor));
        workers.spawn(async move {
            let mut done = Vec::new();
            loop {
                let i = cursor.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                done.push((i, fetch(&client, url, timeout).await));
            }
            done
        });
    }
    // ANCHOR_END: workers
    let mut results: Vec<Option<Fetched>> = vec![None; urls.len()];
    while let Some(joined) = workers.join_next().await {
        match joined {
            Ok(done) => {
                for (i, fetched) in done {
                    results[i] = Some(fetched);
                }
            }
            // A fetch never panics; if one did, that is a bug to see, not to hide.
            Err(join_error) => std::panic::resume_unwind(join_error.into_panic()),
        }
    }
    results
        .into_iter()
        .map(|fetched| fetched.expect("every index was taken by one worker"))
        .collect()
}

async fn fetch(client: &reqwest::Client, url: &str, timeout: Duration) -> Fetched {
    let exchange = async {
        let response = client.get(url).send().await?;
        let status = response.status();
        if !status.is_success() {
            return Ok(Fetched::BadStatus(status.as_u16()));
        }
        let body = response.bytes().await?;
        Ok::<_, reqwest::Error>(Fetched::Page {
            status: status.as_u16(),
            bytes: body.len(),
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Err(_elapsed) => Fetched::TimedOut,
        Ok(Ok(fetched)) => fetched,
        Ok(Err(error)) if error.is_timeout() => Fetched::TimedOut,
        Ok(Err(error)) => {
            // The error's `Display`, then each `source()`'s, joined by ": ".
            let mut text = error.to_string();
            let mut cause = std::error::Error::source(&error);
            while let Some(error) = cause {
                write!(text, ": {error}").expect("writing to a String cannot fail");
                cause = error.source();
            }
            Fetched::Failed(text)
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
