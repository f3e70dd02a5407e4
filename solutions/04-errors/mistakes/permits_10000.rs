//! Mistake: a semaphore of 10 000 permits, "more than any batch will ever need".
//! class: fixture — a cap at least as high as the test's batch never bites; only a
//! batch of items that wait for one another, larger than the cap, shows it.
//!
//! Found by a reviewer. Ten thousand is far above a thousand items, and far above the
//! caps the other mistakes keep (128, 1024): every item runs in a task of its own, at
//! once. But it is still a limit: the ten-thousand-and-first item waits for a permit,
//! and items that wait for one another (a barrier, a reply from an item not yet
//! started) wait for ever. No limit is right, however high; a limit, when one is
//! wanted, is chapter 09's.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let permits = Arc::new(Semaphore::new(10_000));
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| {
            let (work, permits) = (call(&job, id), Arc::clone(&permits));
            tokio::spawn(async move {
                let _permit = permits.acquire_owned().await.expect("never closed");
                work.await
            })
        })
        .collect();
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
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
