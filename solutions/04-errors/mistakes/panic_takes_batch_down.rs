//! Mistake: `join_all` over the bare futures, then partition the results.
//! class: path — every test with a failing item passes; only a job that panics shows it.
//!
//! This is a faithful port of `gather(*jobs, return_exceptions=True)`: every error is
//! kept, with its item, and the batch is concurrent. But Python's `return_exceptions`
//! catches exceptions and a Rust panic is not an `Err`: it unwinds through `join_all`,
//! through `process_all`, into the caller, and every other item is dropped half-way.
//! Nothing in the code says "this can panic", which is why it is tempting.

use std::future::Future;

use anyhow::Context;
use futures::future::join_all;

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

    let mut report = Report::empty(); // nothing ever lands in `panicked`
    for outcome in outcomes {
        match outcome {
            Ok(success) => report.succeeded.push(success),
            Err(error) => report.failed.push(error),
        }
    }
    report
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
