//! Mistake: `panicked` built from one slot per entry, 0 meaning "did not panic".
//! class: boundary — every item in the batch is above 0; only item 0, panicking, shows it.
//!
//! Found by a reviewer. Slots keep the order of `items` for both kinds of panic, and a
//! `u32` slot needs a value for "empty": 0 looked free. But items are values, and 0 is
//! one of them: item 0's panic is filtered out with the empty slots, and nobody learns
//! that its job has a bug. Mark an empty slot with `None`, or push each entry's outcome
//! where it stands.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    let mut panicked = vec![0; items.len()];
    for (position, (&id, outcome)) in items.iter().zip(outcomes).enumerate() {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(join_error) if join_error.is_panic() => panicked[position] = id,
            Err(cancelled) => report.failed.push(cancelled.into()),
        }
    }
    report.panicked = panicked.into_iter().filter(|&id| id != 0).collect();
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
