//! Mistake: the permit is dropped the moment it is acquired.
//!
//! `let _ = …` is not a variable: the value is dropped at the end of the statement.
//! The code waits for a permit, gets one, gives it straight back, and only then makes
//! the call, so the semaphore bounds nothing. In Python, `async with semaphore:`
//! makes the scope visible; in Rust the scope of a guard is the scope of its variable,
//! and `_` has none. Neither rustc nor clippy warns about it: only a test that counts
//! calls in flight sees it.

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
    let permits = Semaphore::new(limit);
    join_all(ids.iter().map(|&id| {
        let (permits, call) = (&permits, &call);
        async move {
            let _ = permits.acquire().await.expect("never closed"); // dropped right here
            call(id).await
        }
    }))
    .await
}
// ANCHOR_END: mistake

pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let start = Instant::now();
    join_all(ids.iter().enumerate().map(|(i, &id)| {
        let second = i as u64 / u64::from(per_second);
        let call = &call;
        async move {
            sleep_until(start + Duration::from_secs(second)).await;
            call(id).await
        }
    }))
    .await
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
