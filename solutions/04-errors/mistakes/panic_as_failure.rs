//! Mistake: every `JoinError` is reported as a failure.
//! class: path — only a job that panics shows it.
//!
//! Spawning isolated the panic, and the `JoinError` is even given the item as context,
//! so nothing is lost. But a panic is a bug in the job, not an outcome it reported, and
//! filing it with the out-of-stock items hides the bug among expected failures. The
//! `JoinError` says which it was: `is_panic()` or `is_cancelled()`.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        // `?`-style flattening: a JoinError is an error like any other, isn't it?
        let outcome = match outcome {
            Ok(result) => result,
            Err(join_error) => Err(join_error.into()),
        };
        match outcome {
            Ok(output) => report.succeeded.push((id, output)),
            Err(error) => report.failed.push(error.context(format!("item {id}"))),
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
