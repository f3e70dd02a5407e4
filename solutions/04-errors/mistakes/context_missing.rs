//! Mistake: the errors are kept, but without the item they belong to.
//!
//! Inside `process_all` the item is right there in the loop, so the error looks
//! complete: "out of stock". Once it leaves (logged, or returned with `?`), nobody can
//! tell which of the items it was about.

use std::future::Future;

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
    let handles: Vec<_> = items
        .iter()
        .map(|&id| (id, tokio::spawn(job(id))))
        .collect();

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    // ANCHOR: mistake
    for (id, handle) in handles {
        match handle.await {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error), // which item was this?
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(cancelled.into()),
        }
    }
    // ANCHOR_END: mistake
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
