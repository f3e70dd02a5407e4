//! Mistake: keeping each outcome in a map keyed by item, then reading it back in order.
//! class: fixture — with no item repeated it is right; `[40, 30, 40, 30, 60]` shows it.
//!
//! Found by a reviewer. A `HashMap<item, outcome>` looks like the natural way to find
//! each item's outcome again, and walking `items` puts them back in order. But a
//! repeated item's second outcome overwrites (or finds no) entry: each entry of `items`
//! is one entry of the report, and only its position tells two of them apart.

use std::collections::HashMap;
use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    let mut by_item: HashMap<u32, _> = items.iter().copied().zip(outcomes).collect();
    for id in items {
        let Some(outcome) = by_item.remove(id) else {
            continue; // already reported
        };
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((*id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_) => report.panicked.push(*id),
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
