//! Mistake: each call sleeps one interval before it starts.
//!
//! It reads like pacing (`await asyncio.sleep(1 / rate)` before each request), but
//! the calls run concurrently, so they all sleep *at the same time*, for the same
//! time, and then all start together. The wait must grow with each start (call i at
//! i / per_second s), or come from one `interval` that every start shares.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;
use tokio::time::sleep;

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
            let _permit = permits.acquire().await.expect("never closed");
            call(id).await
        }
    }))
    .await
}

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let gap = Duration::from_secs(1) / per_second;
    join_all(ids.iter().map(|&id| {
        let call = &call;
        async move {
            sleep(gap).await; // every call sleeps the same gap, all at once
            call(id).await
        }
    }))
    .await
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
