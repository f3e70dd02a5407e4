//! Mistake: a panicked item goes in `panicked`, and its `JoinError` in `failed` as well.
//! class: path — only a batch with a panic shows it, and only in `failed`.
//!
//! Found by a reviewer. "Note it as a panic, and keep the error so it gets logged with
//! the rest": the item is in `panicked`, as asked, and also counted among the failures.
//! Every item appears exactly once in the report; a panic is not a failure.

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
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            // ANCHOR: mistake
            Err(join_error) => {
                if join_error.is_panic() {
                    report.panicked.push(id);
                }
                // ... and keep the error too, so it is logged with the others.
                let error = anyhow::Error::new(join_error);
                report.failed.push(error.context(format!("item {id}")));
            } // ANCHOR_END: mistake
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
