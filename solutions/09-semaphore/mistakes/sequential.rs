//! Mistake: one call at a time.
//!
//! A loop that awaits each call keeps the limit trivially (never more than one in
//! flight) and keeps the rate too, but it is the behaviour of a limit of 1: the batch
//! takes the sum of all the calls. The rate-limited version ticks an `interval` and
//! then waits for the call before the next tick, so each start waits for the previous
//! call to end as well as for the tick.

// rustc warns that `limit` is never used: that warning is this bug.
#![allow(unused_variables)]

use std::future::Future;
use std::time::Duration;

use tokio::time::interval;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
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
    let mut ticks = interval(Duration::from_secs(1) / per_second);
    let mut results = Vec::with_capacity(ids.len());
    for &id in ids {
        ticks.tick().await;
        results.push(call(id).await);
    }
    results
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
