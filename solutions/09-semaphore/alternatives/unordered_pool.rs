//! Another correct way: a pool of futures without a semaphore, and a sliding window of
//! permits for the rate.
//!
//! `run_bounded` keeps at most `limit` calls in a `FuturesUnordered` and pushes the next
//! one each time one finishes: the moment a slot frees, it is refilled, and since the
//! pool never holds more than there are ids, `usize::MAX` needs no clamping. Each
//! result goes into the slot of its *position* in `ids`.
//!
//! `run_rate_limited` gives every start a permit out of `per_second`, and gives each
//! permit back one second after *its start* (not after its call): any second then holds
//! at most `per_second` starts, and a start waits only for the permit of the start a
//! second before it. The calls run in a `JoinSet`, so dropping the batch aborts them,
//! and a call's panic is passed on when its result is collected.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: pool
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
    let start = |(place, &id): (usize, &u32)| {
        let answer = call(id);
        async move { (place, answer.await) }
    };
    let mut waiting = ids.iter().enumerate();
    let mut running: FuturesUnordered<_> = waiting.by_ref().take(limit).map(&start).collect();
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some((place, answer)) = running.next().await {
        results[place] = Some(answer);
        // A slot just freed: fill it before waiting again.
        running.extend(waiting.next().map(&start));
    }
    results.into_iter().flatten().collect()
}
// ANCHOR_END: pool

// ANCHOR: window
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
    let window = Arc::new(Semaphore::new(per_second as usize));
    let (mut calls, mut give_backs) = (JoinSet::new(), JoinSet::new());
    for (place, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&window).acquire_owned().await;
        let permit = permit.expect("the semaphore is never closed");
        let answer = call(id);
        calls.spawn(async move { (place, answer.await) });
        // This start counts against the rate for one second, whatever its call does.
        give_backs.spawn(async move {
            sleep(Duration::from_secs(1)).await;
            drop(permit);
        });
    }
    // ANCHOR_END: window
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(finished) = calls.join_next().await {
        match finished {
            Ok((place, answer)) => results[place] = Some(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    results.into_iter().flatten().collect()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
