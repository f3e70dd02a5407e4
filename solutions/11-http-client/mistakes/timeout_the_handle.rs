//! Mistake: each request in a task of its own, with the timeout around its
//! `JoinHandle`.
//! class: cancellation — every result is right; only what the server is still
//! handling after a timeout (or after the batch) shows it.
//!
//! Found by a reviewer. `timeout(t, tokio::spawn(fetch))` reads like "give the request
//! `t`". When it fires, only the *waiting* stops: dropping a `JoinHandle` detaches its
//! task, so the timed-out request runs on, holding its connection, after its slot went
//! to the next URL and after `fetch_all` returned. A timeout cancels what it wraps:
//! wrap the request itself.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let client = &client;
    // ANCHOR: mistake
    at_most(limit, urls, |url| {
        // Run the request in its own task, and stop waiting for it after `timeout`.
        let (client, url) = (client.clone(), url.to_owned());
        let task = tokio::spawn(async move { fetch(&client, &url, Duration::MAX).await });
        async move {
            match tokio::time::timeout(timeout, task).await {
                Ok(Ok(fetched)) => fetched,
                Ok(Err(join_error)) => Fetched::Failed(join_error.to_string()),
                Err(_elapsed) => Fetched::TimedOut,
            }
        }
    })
    .await
    // ANCHOR_END: mistake
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
