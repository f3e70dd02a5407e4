//! Mistake: failures are logged and left out of the report.
//! class: path — the batch survives and every success is there; only failing items show it.
//!
//! The `except Exception: log.warning(...)` reflex: the batch goes on, the log has a
//! line, and the result holds only what worked. Whoever reads the report cannot tell
//! three items failed; a log line is not a value anyone can act on.

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
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => eprintln!("skipping item {id}: {error:#}"),
            Err(_) => report.panicked.push(id),
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
