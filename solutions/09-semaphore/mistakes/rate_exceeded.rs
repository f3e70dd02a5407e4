//! Mistake: a semaphore of `per_second` permits as the rate limit.
//!
//! It is how Python guides often say "rate limiting", and it does cap the calls in
//! flight at `per_second`. But it limits how many run *at once*, not how many *start*
//! in a second: the moment a call finishes, its permit lets the next one start. With
//! calls that finish within the second, more than `per_second` start in it.

use std::future::Future;

use futures::future::join_all;
use tokio::sync::Semaphore;

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
    // "At most 4 a second" read as "at most 4 at a time".
    run_bounded(ids, per_second as usize, call).await
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
