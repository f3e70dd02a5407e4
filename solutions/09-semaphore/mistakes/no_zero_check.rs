//! Mistake: trusting that `limit` and `per_second` are at least 1.
//! class: bad-argument — every valid argument works; only a 0 shows what happens when
//! nobody checks: a batch that waits forever, and a division by zero deep inside.
//!
//! The task says the arguments are at least 1, so why check? Because a 0 still
//! arrives (a setting read from a file, a count that rounded down), and then a
//! semaphore of no permits waits forever without a word, and `i / per_second` panics
//! with "attempt to divide by zero", far from the mistake. An `assert!` at the top says
//! at once, and in words, which argument was wrong.

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
    let permits = Semaphore::new(limit.min(ids.len())); // 0 permits: every call waits
    join_all(ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            let _permit = permits.acquire().await.expect("never closed");
            call(id).await
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
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let second = i as u64 / u64::from(per_second); // divides by zero at 0
        let call = &call;
        async move {
            sleep_until(start + Duration::from_secs(second)).await;
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
