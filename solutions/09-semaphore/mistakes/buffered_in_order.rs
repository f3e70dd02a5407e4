//! Mistake: `buffered` instead of `buffer_unordered`, to keep the results in order.
//! class: fixture — with calls of equal length `buffered` and `buffer_unordered` run
//! alike; only a slow call beside quick ones shows the difference.
//!
//! It looks like the ordered twin of `buffer_unordered`, and it does keep at most
//! `limit` calls in flight. But a call that finishes early keeps its slot until every
//! call before it has finished too (its result waits in the queue, and the queue is
//! what is bounded): one slow call stalls the slots beside it, head-of-line blocking.

use std::future::Future;

use futures::stream::{self, StreamExt};

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    stream::iter(ids)
        .map(|&id| call(id))
        .buffered(limit) // in order, but a finished call holds its slot
        .collect()
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
