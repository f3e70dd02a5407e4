//! Mistake: `buffered` instead of `buffer_unordered`, to keep the results in order.
//!
//! It looks like the ordered twin of `buffer_unordered`, and it does keep at most
//! `limit` calls in flight. But a call that finishes early keeps its slot until every
//! call before it has finished too (its result waits in the queue, and the queue is
//! what is bounded): one slow call stalls the slots beside it, head-of-line blocking.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;
use futures::stream::{self, StreamExt};
use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    stream::iter(ids)
        .map(|&id| call(id))
        .buffered(limit) // in order, but a finished call holds its slot
        .collect()
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
