//! Mistake: the ids in batches of `per_second`, each batch awaited before the next.
//! class: fixture — with calls shorter than a second it is on time; only calls longer
//! than a second show the batches waiting for each other.
//!
//! The asyncio recipe: `gather` a batch of `rate` requests, then sleep out the rest of
//! the second. No second ever holds more than `per_second` starts, and with quick calls
//! it is even on time. But the next batch waits for the slowest call of this one: with
//! calls longer than a second, every batch starts late, and the rate the partner allows
//! goes unused while one slow call finishes.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    let mut results = Vec::with_capacity(ids.len());
    for batch in ids.chunks(per_second as usize) {
        let started = Instant::now();
        // The next batch starts only when the slowest call of this one has finished.
        results.extend(join_all(batch.iter().map(|&id| call(id))).await);
        sleep_until(started + Duration::from_secs(1)).await;
    }
    results
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
