//! Mistake: one call at a time.
//! class: boundary — it is exactly right for a limit of 1, and wrong for every other.
//!
//! A loop that awaits each call keeps the limit trivially (never more than one in
//! flight) and keeps the rate too, but it is the behaviour of a limit of 1: the batch
//! takes the sum of all the calls. The rate-limited version waits for its start time
//! and then for the call before going on to the next start, so each start waits for
//! the previous call to end as well as for its time.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let mut results = Vec::with_capacity(ids.len());
    for &id in ids {
        results.push(call(id).await); // never more than 1 in flight, whatever the limit
    }
    results
}
// ANCHOR_END: mistake

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
    let start = Instant::now();
    let mut results = Vec::with_capacity(ids.len());
    for (i, &id) in ids.iter().enumerate() {
        let second = i as u64 / u64::from(per_second);
        sleep_until(start + Duration::from_secs(second)).await;
        results.push(call(id).await); // the next start waits for this call to end
    }
    results
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
