//! Mistake: failures are logged and left out of the report.
//!
//! The `except Exception: log.warning(...)` reflex: the batch goes on, the log has a
//! line, and the result holds only what worked. Whoever reads the report cannot tell
//! two items failed; a log line is not a value anyone can act on.

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
        match handle.await {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => eprintln!("skipping: {error:#}"),
            Err(_) => report.panicked.push(id),
        }
    }
    // ANCHOR_END: mistake
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
