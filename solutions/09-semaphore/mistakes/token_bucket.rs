//! Mistake: a token bucket that starts full and refills one token every 1 s / per_second.
//! class: boundary — after the first second it keeps the rate; at the start, the full
//! bucket's burst and the refills of the same second add up to more than the rate.
//!
//! The classic limiter: `per_second` tokens, one taken per start, one given back every
//! 1 s / per_second. It allows a burst of `per_second`, and meanwhile refills: up to
//! 2 × per_second − 1 calls start in the first second. A bucket that holds
//! `per_second` tokens must either start empty or give each token back a whole second
//! after the start that took it. (Found by the reviewer who attacked the spec.)

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until};

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
    let refill = Duration::from_secs(1) / per_second;
    let (mut tokens, mut next_refill) = (per_second, Instant::now() + refill);
    let mut calls = JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        while tokens == 0 {
            sleep_until(next_refill).await;
            tokens += 1;
            next_refill += refill;
        }
        tokens -= 1; // a full bucket at first: a burst of per_second, and refills too
        let answer = call(id);
        calls.spawn(async move { (i, answer.await) });
    }
    // ANCHOR_END: mistake
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
