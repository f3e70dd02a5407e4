//! Mistake: a task that did not finish is skipped.
//!
//! `let Ok(..) = handle.await else { continue }` reads like "ignore tasks that did not
//! return". The batch survives the panic, but the report never mentions the buggy item:
//! it is in none of the three lists, and nobody learns that the job has a bug.

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
        .map(|&id| {
            let work = job(id);
            (
                id,
                tokio::spawn(async move { work.await.with_context(|| format!("item {id}")) }),
            )
        })
        .collect();

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    // ANCHOR: mistake
    for (id, handle) in handles {
        let Ok(outcome) = handle.await else { continue };
        match outcome {
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
