//! Mistake: a semaphore of 128 permits, "so that a big batch cannot swamp the runtime".
//! class: fixture — six items, or a hundred, never use up 128 permits; a thousand show it.
//!
//! Found by a reviewer. Every item is spawned at once as a task of its own, panics stay
//! in their task, the order is kept: every test with up to 128 items passes. But each
//! task waits for a permit before it runs its job, so of a thousand items only 128 are
//! in flight at a time, and the batch takes several rounds instead of one. The exercise
//! asks for every item at once; a limit, when one is wanted, is chapter 09's.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let permits = Arc::new(Semaphore::new(128));
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| {
            let (work, permits) = (call(&job, id), Arc::clone(&permits));
            tokio::spawn(async move {
                let _permit = permits.acquire_owned().await.expect("never closed");
                work.await
            })
        })
        .collect();
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(cancelled.into()),
        }
    }
    report
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
