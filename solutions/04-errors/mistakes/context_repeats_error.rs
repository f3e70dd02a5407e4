//! Mistake: the item's context quotes the job's error as well, so the error reads
//! `item 50: out of stock: out of stock`.
//! class: other-side — the error is kept underneath and names its item;
//! only someone reading the log sees the job's text twice.
//!
//! Found by a reviewer. `format!("item {id}: {err}")` is how the message would be
//! written without anyhow; as a context on top of the error, `{:#}` prints the error
//! again beneath it.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => {
                let text = error.to_string();
                report
                    .failed
                    .push(error.context(format!("item {id}: {text}")));
            }
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
