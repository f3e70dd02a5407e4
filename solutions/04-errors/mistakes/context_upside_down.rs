//! Mistake: an error made from the item, with the job's error put on it as context.
//! class: path — every success is right and every failure names its item; only what is
//! underneath a failure shows it.
//!
//! Found by a reviewer. "Keep the job's error underneath" reads like "attach the job's
//! error to mine", and `anyhow!("item {id}").context(error)` does attach it, but as
//! mere text on top: the chain reads `out of stock: item 50`, its root is the item's
//! message, and the job's `OutOfStock` is gone, so `downcast_ref` finds nothing. The
//! context goes on the job's error: `error.context(format!("item {id}"))`.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
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
