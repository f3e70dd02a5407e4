//! Mistake: a ticker task that hands out start tokens, looping on the clock.
//! class: path — the ticker never waits for anything: it spins in a task of its own.
//!
//! The ticker checks `Instant::now()` against the next start time and yields between
//! looks. It is in a `JoinSet`, so it is aborted with the batch, and `run_rate_limited`
//! itself waits properly on the channel. But a task that is always ready keeps tokio
//! from ever being idle: on the paused clock time never moves on, the start it waits
//! for never comes, and the suite would hang (on a real clock it burns a core). The
//! ticker must sleep: `sleep_until(at)` or an `interval`. (Found by round 6's attack:
//! it hung the tests.)

use std::future::Future;
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use tokio::task::JoinSet;
use tokio::time::Instant;

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
    let n = ids.len();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut ticker = JoinSet::new();
    ticker.spawn(async move {
        let start = Instant::now();
        for i in 0..n {
            let at = start + Duration::from_secs(i as u64 / u64::from(per_second));
            while Instant::now() < at {
                tokio::task::yield_now().await; // "don't block the runtime"
            }
            if tx.send(()).is_err() {
                return;
            }
        }
    });
    let mut running = FuturesUnordered::new();
    let mut results: Vec<Option<T>> = (0..n).map(|_| None).collect();
    let mut next = 0;
    while next < n || !running.is_empty() {
        tokio::select! {
            Some(()) = rx.recv(), if next < n => {
                let (i, answer) = (next, call(ids[next]));
                running.push(async move { (i, answer.await) });
                next += 1;
            }
            Some((i, answer)) = running.next() => results[i] = Some(answer),
        }
    }
    results
        .into_iter()
        .map(|r| r.expect("every call answered"))
        .collect()
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
