//! Mistake: an item whose run panicked is run once more, after the batch, "in case it
//! was a fluke"; only a second panic files it in `panicked`.
//! class: other-side — the report is right for a job that panics every time; the batch
//! takes longer, and the job, counting its calls, sees a second run.
//!
//! A retry looks kind to a flaky item. But a panic is a bug in the job, not a fluke,
//! and it is the entry's outcome. The second call is a second run of whatever the job
//! does (a second request, a second charge), and the batch waits for it too.

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
    for (&id, outcome) in items.iter().zip(outcomes) {
        // ANCHOR: mistake
        let outcome = match outcome {
            Err(join_error) if join_error.is_panic() => {
                join_in_order(vec![tokio::spawn(call(&job, id))])
                    .await
                    .remove(0)
            }
            other => other,
        };
        // ANCHOR_END: mistake
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
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
