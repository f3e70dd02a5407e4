//! Another correct way: spawned calls whose results are gathered while the next permit
//! is awaited, and a log of start times for the rate.
//!
//! `run_bounded` spawns each call into a `JoinSet` with an owned permit, as the worked
//! example does, but while it waits for the next permit it also takes in whatever has
//! finished (a `select!` on `acquire_owned()` and `join_next()`): a call that panicked
//! comes out at once, in the middle of the batch, instead of when the last start is
//! made. Both branches are cancel-safe: a result not taken stays in the set, and a
//! permit not yet granted is simply asked for again.
//!
//! `run_rate_limited` keeps the time each call started: call i may start once call
//! i − per_second started a whole second ago (`sleep_until(starts[i - rate] + 1 s)`).
//! That is the sliding window itself, from real starts rather than a schedule; no
//! rounding, whatever the rate. The calls run in a `JoinSet`, so dropping the batch
//! aborts them, and a panic is passed on when the results are gathered.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until};

/// Puts a finished call's answer in its place, or passes its panic on.
fn take<T>(results: &mut [Option<T>], finished: Result<(usize, T), tokio::task::JoinError>) {
    match finished {
        Ok((place, answer)) => results[place] = Some(answer),
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

// ANCHOR: gather_while_waiting
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
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let mut results: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        let permit = loop {
            tokio::select! {
                permit = Arc::clone(&permits).acquire_owned() => {
                    break permit.expect("the semaphore is never closed");
                }
                Some(finished) = calls.join_next() => take(&mut results, finished),
            }
        };
        let answer = call(id);
        calls.spawn(async move {
            let _permit = permit;
            (place, answer.await)
        });
    }
    while let Some(finished) = calls.join_next().await {
        take(&mut results, finished);
    }
    results.into_iter().flatten().collect()
}
// ANCHOR_END: gather_while_waiting

// ANCHOR: start_log
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
    let rate = usize::try_from(per_second).unwrap_or(usize::MAX);
    let mut starts: Vec<Instant> = Vec::with_capacity(ids.len());
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        if let Some(&second_before) = place.checked_sub(rate).map(|i| &starts[i]) {
            // The start `per_second` back must be a whole second old.
            sleep_until(second_before + Duration::from_secs(1)).await;
        }
        starts.push(Instant::now());
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
    }
    let mut results: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    while let Some(finished) = calls.join_next().await {
        take(&mut results, finished);
    }
    results.into_iter().flatten().collect()
}
// ANCHOR_END: start_log

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
