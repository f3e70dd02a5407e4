//! Mistake: a call's panic comes out as a new panic, from `.expect(…)` on its `JoinError`.
//! class: path — a panic does make the batch panic; only its message is not the call's.
//!
//! The calls are spawned into a `JoinSet`, with an owned permit each, and the results
//! put back in place: all right. A task that panicked gives `Err(JoinError)`, and
//! `.expect("a call panicked")` does make the batch panic, which is how most code
//! treats a `JoinError`. But the caller then gets a panic of this function's own,
//! "a call panicked: JoinError::Panic(…)", in place of the call's: anything that reads
//! the panic (a test's `should_panic(expected = …)`, a handler that reports it) no
//! longer sees what the call said. `resume_unwind(error.into_panic())` passes the
//! call's own panic on, as a panic in a `join_all` would come out.

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
    for (place, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await;
        let permit = permit.expect("never closed");
        let answer = call(id);
        calls.spawn(async move {
            let answer = answer.await;
            drop(permit);
            (place, answer)
        });
    }
    let mut results: Vec<Option<T>> = ids.iter().map(|_| None).collect();
    while let Some(finished) = calls.join_next().await {
        let (place, answer) = finished.expect("a call panicked"); // a panic of our own
        results[place] = Some(answer);
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
