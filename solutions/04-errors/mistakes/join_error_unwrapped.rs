//! Mistake: every item is spawned, and then each `JoinHandle`'s result is unwrapped.
//! class: path — with no job panicking it is right; only a panic shows it.
//!
//! `tokio::spawn` did catch item 60's panic and hand it back as a `JoinError`, which
//! `.expect(..)` turns straight back into a panic, now in `process_all`. The isolation
//! is undone at the last step; `.unwrap()` on a `JoinHandle` is a habit from examples
//! where tasks cannot panic.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome.expect("task failed") {
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
