//! Mistake: each request spawned as a task, and its `JoinHandle` awaited in the slot.
//! class: cancellation — every result, the limit and the timeouts are right; only a
//! batch dropped half-way shows it.
//!
//! "Spawn the I/O, so it runs in parallel" is a reflex from chapter 03. Inside
//! `fetch_all` it changes nothing while the batch runs. But when the caller drops the
//! batch (its own `timeout`, a lost `select!`), the `JoinHandle`s are dropped, and a
//! dropped `JoinHandle` detaches its task: the requests in flight run on, unobserved,
//! until their own timeouts. The futures in `buffer_unordered` are cancelled by
//! dropping them; tasks are not.

use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let client = &client;
    // ANCHOR: mistake
    at_most(limit, urls, |url| {
        let (client, url) = (client.clone(), url.to_owned());
        async move {
            tokio::spawn(async move { fetch(&client, &url, timeout).await })
                .await
                .unwrap_or_else(|join_error| Fetched::Failed(join_error.to_string()))
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
