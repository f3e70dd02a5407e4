//! Mistake: each call sleeps one interval before it starts.
//! class: other-side — every call runs and answers in order; only the start times the
//! partner sees show that the sleeps spaced nothing.
//!
//! It reads like pacing (`await asyncio.sleep(1 / rate)` before each request), but
//! the calls run concurrently, so they all sleep *at the same time*, for the same
//! time, and then all start together. The wait must grow with each start (call i at
//! i / per_second s), or come from one `interval` that every start shares.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::time::sleep;

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
    let gap = Duration::from_secs(1) / per_second;
    join_all(ids.iter().map(|&id| {
        let call = &call;
        async move {
            sleep(gap).await; // every call sleeps the same gap, all at once
            call(id).await
        }
    }))
    .await
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
