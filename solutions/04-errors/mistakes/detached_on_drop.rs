//! Mistake: awaiting the handles with a plain `join_all`, so that dropping the batch
//! leaves its items running.
//! class: cancellation — every report is right; only a call dropped half-way shows it.
//!
//! In asyncio, cancelling a `gather` cancels its children. In Tokio, dropping a
//! `JoinHandle` does not cancel its task: it detaches it. When a caller's `timeout`
//! drops `process_all`, the `join_all` and every handle in it are dropped, and the items
//! run on to the end, unobserved, their outcomes thrown away. Abort what you started: a
//! `JoinSet` does it when dropped, or a guard holding each task's `AbortHandle`.

use std::future::Future;

use futures::future::join_all;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(call(&job, id)))
        .collect();
    // ANCHOR: mistake
    let outcomes = join_all(tasks).await; // dropped here, the handles only detach
    // ANCHOR_END: mistake
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
