//! Mistake: an item goes in `panicked` only if it is not there yet.
//! class: path — with each item once in `items` it is right; only an item that panics
//! in two entries shows it.
//!
//! Found by a reviewer. "Which items have a bug?" sounds like a set, and
//! `if !panicked.contains(&id)` keeps the order while listing each item once. But the
//! report has one entry per entry of `items`: a repeated item that panics twice is two
//! panics (two runs, two bugs hit), and listing it once hides one of them, as
//! `succeeded` and `failed` would not.

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
            Err(join_error) if join_error.is_panic() => {
                if !report.panicked.contains(&id) {
                    report.panicked.push(id);
                }
            }
            // ANCHOR_END: mistake
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
