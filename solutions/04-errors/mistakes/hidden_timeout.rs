//! Mistake: giving every job five seconds "for safety" and reporting the rest as failed.
//! class: cancellation — an item is dropped half-way; with every job under 600 ms no
//! test sees it.
//!
//! Found by a reviewer. `asyncio.wait_for` around each job feels responsible, and every
//! item of the usual batch finishes well inside it. But a job that is slow and fine is
//! cut off and reported as a failure it never returned. `process_all` has no time limit:
//! a deadline is the caller's, around the whole call.

use std::future::Future;
use std::time::Duration;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(tokio::time::timeout(Duration::from_secs(5), call(&job, id))))
        .collect();
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(Ok(output))) => report.succeeded.push((id, output)),
            Ok(Ok(Err(error))) => report.failed.push(error.context(format!("item {id}"))),
            Ok(Err(elapsed)) => report
                .failed
                .push(anyhow::Error::new(elapsed).context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
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
