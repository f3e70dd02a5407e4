//! Mistake: one `interval` tick per start, each call `tokio::spawn`ed, the handles kept.
//! class: cancellation — it is right whenever it runs to the end; only a caller that
//! drops it half-way sees the calls it started run on without it.
//!
//! The hinted shape, and the asyncio one (`create_task` after each `sleep`, `gather`
//! at the end): the starts are paced, the calls overlap, the results come back in
//! order. But a `JoinHandle` does not own its task: drop the batch, and the calls in
//! flight keep talking to the partner for a caller that has gone. Spawn into a
//! `JoinSet`, which aborts its tasks when dropped, or don't spawn.

use std::future::Future;
use std::time::Duration;

use tokio::time::{MissedTickBehavior, interval};

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
    let period = Duration::from_nanos(1_000_000_000u64.div_ceil(u64::from(per_second)));
    let mut ticks = interval(period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut handles = Vec::with_capacity(ids.len());
    for &id in ids {
        ticks.tick().await;
        handles.push(tokio::spawn(call(id))); // detached: dropping the handle won't stop it
    }
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(answer) => results.push(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
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
