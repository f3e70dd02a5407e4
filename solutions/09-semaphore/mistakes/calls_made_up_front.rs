//! Mistake: `call(id)` for every id up front, and only the awaiting held back.
//! class: other-side — the results, their order and the total time are right; only the
//! partner, who gets each request when `call(id)` is called, sees them all at once.
//!
//! Found by the reviewer's attack. A future does nothing until it is awaited, so making
//! them all first and gating only the `.await` looks the same. But `call(id)` is the
//! request: a client may send it the moment it is called (the tests' partner counts it
//! from then), and only the answer waits for the future. The exercise asks for each
//! call to be made only once it may start: call `call(id)` after the permit is taken,
//! or once its start time has come.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Semaphore::new(limit.min(ids.len()));
    join_all(ids.iter().map(|&id| {
        let made = call(id); // every request made here, as join_all collects them
        let permits = &permits;
        async move {
            let _permit = permits.acquire().await.expect("never closed");
            made.await
        }
    }))
    .await
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
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let made = call(id);
        let second = i as u64 / u64::from(per_second);
        async move {
            sleep_until(start + Duration::from_secs(second)).await;
            made.await
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
