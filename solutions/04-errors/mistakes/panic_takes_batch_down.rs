//! Mistake: `join_all` over the bare futures, then partition the results.
//!
//! This is a faithful port of `gather(*jobs, return_exceptions=True)`: every error is
//! kept, with its item, and the batch is concurrent. But Python's `return_exceptions`
//! catches exceptions and a Rust panic is not an `Err`: it unwinds through `join_all`,
//! through `process_all`, into the caller, and every other item is dropped half-way.
//! Nothing in the code says "this can panic", which is why it is tempting.

use std::future::Future;

use anyhow::Context;
use futures::future::join_all;

#[derive(Debug)]
pub struct Report<T> {
    pub succeeded: Vec<(u32, T)>,
    pub failed: Vec<anyhow::Error>,
    pub panicked: Vec<u32>,
}

// ANCHOR: mistake
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let job = &job;
    let outcomes = join_all(items.iter().map(|&id| async move {
        let output = job(id).await.with_context(|| format!("item {id}"))?;
        Ok::<_, anyhow::Error>((id, output))
    }))
    .await;

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(), // nothing ever lands here: a panic never comes back
    };
    for outcome in outcomes {
        match outcome {
            Ok(success) => report.succeeded.push(success),
            Err(error) => report.failed.push(error),
        }
    }
    report
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
