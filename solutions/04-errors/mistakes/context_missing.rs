//! Mistake: the errors are kept, but without the item they belong to.
//! class: path — every success is reported right; only an item whose job fails shows it.
//!
//! Inside `process_all` the item is right there in the loop, so the error looks
//! complete: "out of stock". Once it leaves (logged, or returned with `?`), nobody can
//! tell which of the items it was about.

use std::future::Future;

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
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error), // which item was this?
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(cancelled.into()),
        }
    }
    // ANCHOR_END: mistake
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
