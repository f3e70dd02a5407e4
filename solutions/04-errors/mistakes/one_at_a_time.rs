//! Mistake: each item is spawned and then awaited before the next one is spawned.
//!
//! Every outcome is right: panics are isolated, errors kept with their item. But
//! `tokio::spawn(..).await` in a loop waits for each task before starting the next, so
//! the batch takes the sum of its items instead of the slowest one.

use std::future::Future;

use anyhow::Context;

#[derive(Debug)]
pub struct Report<T> {
    pub succeeded: Vec<(u32, T)>,
    pub failed: Vec<anyhow::Error>,
    pub panicked: Vec<u32>,
}

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    // ANCHOR: mistake
    for &id in items {
        let work = job(id);
        let task = tokio::spawn(async move { work.await.with_context(|| format!("item {id}")) });
        match task.await {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error),
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(anyhow::Error::new(cancelled)),
        }
    }
    // ANCHOR_END: mistake
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
