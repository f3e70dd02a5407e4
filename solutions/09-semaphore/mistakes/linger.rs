//! Mistake: paces the starts right, then waits out the last start's second.
//! class: fixture — with calls longer than a second the last call outlasts the wait;
//! only quick calls show the batch returning late.
//!
//! "So that a caller who loops cannot overrun the rate, don't return until the last
//! start's window has closed." But that is the next batch's business, not this one's,
//! and it makes every batch up to a second late: five calls of 100 ms at 2 a second
//! are done at 2100 ms, and this returns at 3000 ms. (Found by the reviewer who
//! attacked the spec: its only return-time check used calls of 1.2 s.)

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
    let start = Instant::now();
    let at = |i: usize| start + Duration::from_secs(i as u64 / u64::from(per_second));
    let results = join_all(ids.iter().enumerate().map(|(i, &id)| {
        let call = &call;
        async move {
            sleep_until(at(i)).await;
            call(id).await
        }
    }))
    .await;
    if !ids.is_empty() {
        // "Respect the window": wait until a second after the last start.
        sleep_until(at(ids.len() - 1) + Duration::from_secs(1)).await;
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
