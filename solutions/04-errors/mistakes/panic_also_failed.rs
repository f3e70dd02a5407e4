//! Mistake: a panicked item goes in `panicked`, and its `JoinError` in `failed` as well.
//! class: path — only a batch with a panic shows it, and only in `failed`.
//!
//! Found by a reviewer. "Note it as a panic, and keep the error so it gets logged with
//! the rest": the item is in `panicked`, as asked, and also counted among the failures.
//! Every item appears exactly once in the report; a panic is not a failure.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            // ANCHOR: mistake
            Err(join_error) => {
                if join_error.is_panic() {
                    report.panicked.push(id);
                }
                // ... and keep the error too, so it is logged with the others.
                let error = anyhow::Error::new(join_error);
                report.failed.push(error.context(format!("item {id}")));
            } // ANCHOR_END: mistake
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
