//! Mistake: every `JoinError` is reported as a failure.
//!
//! Spawning isolated the panic, and the `JoinError` is even given the item as context,
//! so nothing is lost. But a panic is a bug in the job, not an outcome it reported, and
//! filing it with the out-of-stock items hides the bug among expected failures. The
//! `JoinError` says which it was: `is_panic()` or `is_cancelled()`.

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
        // `?`-style flattening: a JoinError is an error like any other, isn't it?
        let outcome = match handle.await {
            Ok(result) => result,
            Err(join_error) => Err(join_error.into()),
        };
        match outcome.with_context(|| format!("item {id}")) {
            Ok(output) => report.succeeded.push((id, output)),
            Err(error) => report.failed.push(error),
        }
    }
    // ANCHOR_END: mistake
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
