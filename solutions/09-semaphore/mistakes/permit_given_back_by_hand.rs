//! Mistake: the permit taken and given back by hand, asyncio's `acquire()` and
//! `release()`: `forget()` it, then `add_permits(1)` once the call has answered.
//! class: path — while every call answers it is right; a call that panics never gives
//! its slot back, and with a single slot the batch then waits for it forever.
//!
//! In Python the `release()` goes in a `finally`, or `async with semaphore:` does it.
//! Here nothing runs the `add_permits(1)` when the call panics instead of answering:
//! the slot is lost. With two slots or more the batch goes on with one fewer and the
//! panic comes out at the end, so every earlier test passed; with one, the loop waits
//! for a permit that never comes, and the panic is never looked at. A permit is a
//! guard: keep it (`let _permit = …`) in the future that awaits the call, or move it
//! into the call's task, and it is given back however the call ends. (Found by the
//! reviewer who attacked the spec.)

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
        // `await semaphore.acquire()`
        permits.acquire().await.expect("never closed").forget();
        let (permits, answer) = (Arc::clone(&permits), call(id));
        calls.spawn(async move {
            let answer = answer.await;
            permits.add_permits(1); // `semaphore.release()`, but not if the call panicked
            (i, answer)
        });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(done) = calls.join_next().await {
        match done {
            Ok((i, answer)) => results[i] = Some(answer),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    results
        .into_iter()
        .map(|r| r.expect("every call answered"))
        .collect()
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
