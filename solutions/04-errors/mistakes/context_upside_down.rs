//! Mistake: an error made from the item, with the job's error put on it as context.
//! class: path — every success is right and every failure names its item; only what is
//! underneath a failure shows it.
//!
//! Found by a reviewer. "Keep the job's error underneath" reads like "attach the job's
//! error to mine", and `anyhow!("item {id}").context(error)` does attach it, but as
//! mere text on top: the chain reads `out of stock: item 50`, its root is the item's
//! message, and the job's `OutOfStock` is gone, so `downcast_ref` finds nothing. The
//! context goes on the job's error: `error.context(format!("item {id}"))`.

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
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            // ANCHOR: mistake
            Ok(Err(error)) => report
                .failed
                .push(anyhow::anyhow!("item {id}").context(error)),
            // ANCHOR_END: mistake
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(cancelled.into()),
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
