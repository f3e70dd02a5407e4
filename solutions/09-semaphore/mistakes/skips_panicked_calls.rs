//! Mistake: the results gathered with `while let Some(Ok(..)) = set.join_next().await`.
//! class: path — while every call succeeds it is right; only a call that panics shows
//! the loop stopping quietly and the batch returning fewer results than ids.
//!
//! An owned permit taken in the loop and moved into each spawned task, the tasks in a
//! `JoinSet` (which aborts them if the batch is dropped), results put back by position:
//! all of that is right. But `Some(Ok(…))` as the loop's pattern ends the loop at the
//! first `Err(JoinError)`, and the panic is gone: the caller gets a short `Vec` and no
//! sign that anything went wrong. Match the `Err` and pass the panic on
//! (`std::panic::resume_unwind(error.into_panic())`).

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_bounded<F, Fut, T>(ids: &[u32], limit: usize, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(limit > 0, "run_bounded: `limit` must be at least 1");
    let permits = Arc::new(Semaphore::new(limit.min(ids.len())));
    let mut calls = JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let (permit, answer) = (permit.expect("never closed"), call(id));
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit);
            (i, answer)
        });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(Ok((i, answer))) = calls.join_next().await {
        results[i] = Some(answer); // the first Err ends the loop, and the panic is lost
    }
    results.into_iter().flatten().collect()
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
