//! Mistake: a fetch waits for a free slot by spinning: it reads an atomic count and
//! yields until a slot is free.
//! class: other-side — the limit holds, the order holds, every result is right; only how
//! often the batch is polled shows a loop that never waits.
//!
//! Found by a reviewer. `while in_flight >= limit { yield_now().await }` is the
//! asyncio habit `while busy: await asyncio.sleep(0)`. It keeps a core at 100 % for as
//! long as a slow URL holds the slot; a `Semaphore` (or `buffer_unordered`) sleeps
//! until a slot is handed over.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}

// ANCHOR: mistake
async fn at_most<'a, F, Fut>(limit: usize, urls: &'a [String], fetch: F) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
{
    let in_flight = AtomicUsize::new(0);
    let (in_flight, fetch) = (&in_flight, &fetch);
    let fetches = urls.iter().map(|url| async move {
        // Take a slot, or yield and look again: never asleep.
        while in_flight
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < limit).then_some(n + 1)
            })
            .is_err()
        {
            tokio::task::yield_now().await;
        }
        let fetched = fetch(url).await;
        in_flight.fetch_sub(1, Ordering::SeqCst);
        fetched
    });
    futures::future::join_all(fetches).await
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
