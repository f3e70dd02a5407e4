//! Mistake: a panic is passed on while calls are being started, and skipped after that.
//! class: path — an early panic comes out; a late one (the last call, after the others
//! finished) vanishes, and the batch returns fewer results than ids.
//!
//! Found by the reviewer's attack. The loop that starts the calls watches the finished
//! ones and passes a panic on with `resume_unwind`, and the tests' panic, in the middle
//! of the batch, comes out as it should. But once every call is started, the results
//! are gathered with `while let Some(Ok(..))`: a panic then, in the last call, ends
//! the loop quietly. Every way a result comes back must treat an `Err` the same.

use std::future::Future;
use std::panic::resume_unwind;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{MissedTickBehavior, interval};

// ANCHOR: mistake
/// Puts a finished call's answer in its place; passes a panic on.
fn store<T>(results: &mut [Option<T>], finished: Result<(usize, T), tokio::task::JoinError>) {
    match finished {
        Ok((place, answer)) => results[place] = Some(answer),
        Err(error) => resume_unwind(error.into_panic()),
    }
}

pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let permit = permit.expect("never closed");
        while let Some(finished) = calls.try_join_next() {
            store(&mut results, finished); // a panic so far: passed on
        }
        let answer = call(id);
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit);
            (place, answer)
        });
    }
    while let Some(Ok((place, answer))) = calls.join_next().await {
        results[place] = Some(answer); // a panic from here on ends the loop, unseen
    }
    results.into_iter().flatten().collect()
}

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
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    let mut calls = JoinSet::new();
    for (place, &id) in ids.iter().enumerate() {
        ticks.tick().await;
        while let Some(finished) = calls.try_join_next() {
            store(&mut results, finished);
        }
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
    }
    while let Some(Ok((place, answer))) = calls.join_next().await {
        results[place] = Some(answer);
    }
    results.into_iter().flatten().collect()
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
