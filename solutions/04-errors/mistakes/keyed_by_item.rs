//! Mistake: keeping each outcome in a map keyed by item, then reading it back in order.
//! class: fixture — with no item repeated it is right; `[40, 30, 40, 30, 60]` shows it.
//!
//! Found by a reviewer. A `HashMap<item, outcome>` looks like the natural way to find
//! each item's outcome again, and walking `items` puts them back in order. But a
//! repeated item's second outcome overwrites (or finds no) entry: each entry of `items`
//! is one entry of the report, and only its position tells two of them apart.

use std::collections::HashMap;
use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(call(&job, id)))
        .collect();
    let outcomes = join_in_order(tasks).await;
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
