//! Mistake: "don't flood the runtime": at most eight items in flight at a time.
//! class: fixture — with six items a cap of eight never bites; a thousand show it.
//!
//! Found by a reviewer. `buffered(8)` is concurrent, keeps the order of `items`, and
//! every test with six items passes. But the ninth item waits for a free place, so a
//! batch of a thousand takes many rounds instead of one. The exercise asks for every
//! item at once.

use std::future::Future;

use futures::stream::{self, StreamExt};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let job = &job;
    // ANCHOR: mistake
    let outcomes: Vec<_> = stream::iter(items)
        .map(|&id| async move {
            join_in_order(vec![tokio::spawn(call(job, id))])
                .await
                .remove(0)
        })
        .buffered(8)
        .collect()
        .await;
    // ANCHOR_END: mistake
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
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
