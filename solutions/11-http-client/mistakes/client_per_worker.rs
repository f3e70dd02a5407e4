//! Mistake: `limit` workers, each with a `reqwest::Client` of its own.
//! class: other-side — the limit holds and each worker reuses its own connection, so
//! the connection count looks right; only which connection a request to a server
//! gets shows it.
//!
//! Found by a reviewer. One `aiohttp.ClientSession` per worker is a common shape, and
//! each worker does reuse its connections. But the pools are separate: a connection
//! to server A left idle by one worker is invisible to another, which opens a second
//! one. One `Client` for the batch, cloned into the workers (clones share one pool),
//! lends any idle connection to whichever request needs it.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let queue: Arc<Mutex<VecDeque<(usize, String)>>> =
        Arc::new(Mutex::new(urls.iter().cloned().enumerate().collect()));
    let mut workers = JoinSet::new();
    // ANCHOR: mistake
    for _ in 0..limit.min(urls.len()) {
        let queue = Arc::clone(&queue);
        workers.spawn(async move {
            let client = reqwest::Client::new(); // one session per worker
            let mut done = Vec::new();
            loop {
                let next = queue.lock().unwrap().pop_front();
                let Some((i, url)) = next else { break };
                done.push((i, fetch(&client, &url, timeout).await));
            }
            done
        });
    }
    // ANCHOR_END: mistake
    let mut results: Vec<Option<Fetched>> = vec![None; urls.len()];
    while let Some(joined) = workers.join_next().await {
        for (i, fetched) in joined.expect("a fetch never panics") {
            results[i] = Some(fetched);
        }
    }
    results
        .into_iter()
        .map(|fetched| fetched.expect("every URL was taken by one worker"))
        .collect()
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
