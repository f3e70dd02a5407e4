//! Mistake: collecting outcomes as they finish, and sorting only the successes.
//! class: fixture — with two failures that finish in the order of `items`, it is right.
//!
//! Found by a reviewer. The test about order checked `succeeded`, so that is the list
//! the learner puts back in order; `failed` and `panicked` stay in the order the items
//! finished. Every list of the report follows `items`.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

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
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    let mut running: FuturesUnordered<_> = items
        .iter()
        .enumerate()
        .zip(tasks)
        .map(|((position, &id), task)| async move { (position, id, task.await) })
        .collect();
    let mut succeeded = Vec::new();
    let mut report = Report::empty();
    // ANCHOR: mistake
    while let Some((position, id, outcome)) = running.next().await {
        match outcome {
            Ok(Ok(output)) => succeeded.push((position, id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
        }
    }
    // The successes must follow `items`: put them back in place.
    succeeded.sort_by_key(|&(position, _, _)| position);
    // ANCHOR_END: mistake
    report.succeeded = succeeded
        .into_iter()
        .map(|(_, id, output)| (id, output))
        .collect();
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
