//! Mistake: every call spawned as a task, and the handles awaited in order.
//! class: cancellation — it is right whenever it runs to the end; only a caller that
//! drops it half-way (a timeout, a lost `select!`) sees the calls go on without it.
//!
//! It is the asyncio translation of `create_task` for each call and `await` of each
//! task: the bound holds (each task waits for its permit), the order holds. But a
//! `JoinHandle` is only a handle: dropping it does not stop its task. When the batch is
//! dropped, the calls in flight run on, and the ones still waiting for a permit start
//! later, one after another, for a caller that is gone; if it retries, the partner sees
//! the old batch and the new one at once. (Found by the reviewer who attacked the spec.)

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let handles: Vec<_> = ids
        .iter()
        .map(|&id| {
            let (permits, answer) = (Arc::clone(&permits), call(id));
            tokio::spawn(async move {
                let _permit = permits.acquire_owned().await.expect("never closed");
                answer.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(handle.await.expect("the call panicked"));
    }
    results
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
