//! Mistake: each item is spawned and then awaited before the next one is spawned.
//! class: other-side — the report is right; only the clock and the in-flight gauge see it.
//!
//! Every outcome is right: panics are isolated, errors kept with their item. But
//! `tokio::spawn(..).await` in a loop waits for each task before starting the next, so
//! the batch takes the sum of its items instead of the slowest one.

use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let mut report = Report::empty();
    // ANCHOR: mistake
    for &id in items {
        let task = tokio::spawn(call(&job, id));
        let outcome = join_in_order(vec![task]).await.remove(0); // awaited right away
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
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
