//! Mistake: calling `job(id)` bare and spawning only the future it returns.
//! class: path — a job that panics while its future runs is caught; only one that
//! panics in the call itself shows it.
//!
//! Found by a reviewer. This is the textbook shape, and the hints' too: `job` is not
//! `Send`, so it is called here and only its future goes into the task. But that call
//! runs on `process_all`'s own task, and a job that panics while it *builds* its future
//! (work before its `async` block) panics before any task of the item exists:
//! `tokio::spawn` never sees it, and it unwinds through `process_all`.

use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let tasks: Vec<_> = items.iter().map(|&id| tokio::spawn(job(id))).collect();
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
