//! Mistake: an item whose call panics is filed in `panicked` on the spot, ahead of the
//! items still running.
//! class: path — with one item that panics when called it is right; only panics of both
//! kinds in one batch show it.
//!
//! Found by a reviewer. The call `job(id)` is caught, and when it panics the item goes
//! straight into `panicked`: it is known at once, so why wait? Every item is there, and
//! with only one panicking item the order cannot be wrong. But the items that panic
//! while they run are added after the batch is joined, so every call-time panic stands
//! before them, whatever the order of `items`. Keep each outcome in its item's place
//! and build the lists from those, in the order of `items`.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let mut report = Report::empty();
    let (mut tasks, mut running) = (Vec::new(), Vec::new());
    for &id in items {
        match catch_unwind(AssertUnwindSafe(|| job(id))) {
            Ok(work) => {
                tasks.push(tokio::spawn(work));
                running.push(id);
            }
            Err(_) => report.panicked.push(id), // known at once: file it now
        }
    }
    let outcomes = join_in_order(tasks).await;
    for (&id, outcome) in running.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
            Err(cancelled) => report.failed.push(cancelled.into()),
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
