//! Mistake: reporting each outcome under its position (counted from 1), not its item.
//! class: fixture — with items `[1, 2, …, 6]` every item *is* its position + 1.
//!
//! Found by a reviewer. Python's `enumerate(results, start=1)` is a habit, and with a
//! batch numbered 1 to 6 it gives the right answer. Items are values: the report names
//! the item itself, which the zip with `items` gives for free.

use tokio::task::JoinError;

#[allow(unused_variables)] // rustc's "unused variable: `items`" is the hint here
pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (n, outcome) in (1u32..).zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((n, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {n}"))),
            Err(_) => report.panicked.push(n),
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
