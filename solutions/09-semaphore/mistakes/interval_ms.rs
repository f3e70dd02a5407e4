//! Mistake: an `interval` whose period is `1000 / per_second` whole milliseconds.
//! class: bad-argument — every rate up to 1000 a second runs (if too fast when it does
//! not divide a second); a rate above 1000 makes the period 0, and `interval` panics.
//!
//! One tick per start, every `1000 / per_second` ms, the calls spawned into a
//! `JoinSet` so that they overlap: the hinted shape. But the period rounds down to
//! whole milliseconds: at 3 a second it is 333 ms (four starts in one second), and at
//! 1500 a second it is 0 ms, which `interval` refuses with a panic ("`period` must be
//! non-zero"), for a rate the task calls valid. `Duration::from_secs(1) / per_second`
//! keeps the nanoseconds. (Found by the reviewer who attacked the spec.)

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::interval;

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
    let mut ticks = interval(Duration::from_millis(1000 / u64::from(per_second)));
    // ANCHOR_END: mistake
    let mut calls = JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        ticks.tick().await;
        let answer = call(id);
        calls.spawn(async move { (i, answer.await) });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(done) = calls.join_next().await {
        match done {
            Ok((i, answer)) => results[i] = Some(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    results.into_iter().flatten().collect()
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
