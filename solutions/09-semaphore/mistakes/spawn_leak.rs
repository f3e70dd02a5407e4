//! Mistake: every call spawned as a task, and the handles awaited in order.
//! class: cancellation — it is right whenever it runs to the end; only a caller that
//! drops it half-way (a timeout, a lost `select!`) sees the calls go on without it.
//!
//! It is the asyncio translation of `create_task` for each call and `await` of each
//! task: the bound holds (each call is made once it has its permit, which its task
//! keeps), the order holds, a panic is passed on. But a `JoinHandle` is only a handle:
//! dropping it does not stop its task. When the batch is dropped, or a call's panic
//! unwinds out of it, the calls in flight run on for a caller that is gone; if it
//! retries, the partner sees the old batch and the new one at once. (Found by the
//! reviewer who attacked the spec.)

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
    let mut handles = Vec::with_capacity(ids.len());
    for &id in ids {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let (permit, answer) = (permit.expect("never closed"), call(id));
        handles.push(tokio::spawn(async move {
            let answer = answer.await;
            drop(permit);
            answer
        })); // detached: dropping the handle won't stop it
    }
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(answer) => results.push(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
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
