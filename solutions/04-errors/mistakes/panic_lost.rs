//! Mistake: a task that did not finish is skipped.
//! class: path — only a job that panics shows it.
//!
//! `let Ok(..) = outcome else { continue }` reads like "ignore tasks that did not
//! return". The batch survives the panic, but the report never mentions the buggy item:
//! it is in none of the three lists, and nobody learns that the job has a bug.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        let Ok(outcome) = outcome else { continue };
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
