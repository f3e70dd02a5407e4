//! Another correct way: a task per call, in a `JoinSet`, for both; an owned permit for
//! the bound, and one shared `interval` for the rate.
//!
//! This is the worked example's shape. `run_bounded` takes an `OwnedSemaphorePermit` in
//! the loop, *before* spawning, so never more than `limit` tasks exist, and moves it
//! into the task, which drops it when its call ends. `run_rate_limited` ticks an
//! `interval` of `1 s / per_second` (in nanoseconds, rounded up) before each start,
//! with `MissedTickBehavior::Delay` so that a late tick never makes the next ones
//! burst. A `JoinSet` aborts its tasks when it is dropped, so a dropped batch leaves
//! nothing running; a task that panicked comes back as `Err(JoinError)`, and its panic
//! is passed on.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{MissedTickBehavior, interval};

/// Waits for every task and puts each result in its place; a task's panic is passed on.
async fn collect<T: Send + 'static>(mut calls: JoinSet<(usize, T)>, len: usize) -> Vec<T> {
    let mut results: Vec<Option<T>> = (0..len).map(|_| None).collect();
    while let Some(finished) = calls.join_next().await {
        match finished {
            Ok((place, answer)) => results[place] = Some(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    results.into_iter().flatten().collect()
}

pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        limit > 0,
        "run_bounded: `limit` must be at least 1 (with no slot, no call could ever start)"
    );
    // A `Semaphore` holds at most `MAX_PERMITS`; more permits than calls change nothing.
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let permit = permit.expect("the semaphore is never closed");
        let answer = call(id);
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit); // the slot frees the moment the call ends
            (place, answer)
        });
    }
    collect(calls, ids.len()).await
}

// ANCHOR: interval
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1 (at 0 a second, no call could \
         ever start)"
    );
    // 1 s / per_second, rounded *up* to the nanosecond: `per_second` periods are then
    // never shorter than a second (1 s / 3 rounded down is a nanosecond short three
    // times over), and above 10^9 a second the period is 1 ns, not the zero that
    // `interval` refuses.
    let period = Duration::from_nanos(1_000_000_000u64.div_ceil(u64::from(per_second)));
    let mut ticks = interval(period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        ticks.tick().await; // the first tick is immediate
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
    }
    collect(calls, ids.len()).await
}
// ANCHOR_END: interval

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
