//! Mistake: each outcome, as it comes in, goes to the first entry of its item's value
//! that has none yet.
//! class: fixture — while a repeated item's entries all end alike, which entry gets
//! which outcome cannot show; entries that end differently swap places.
//!
//! Found by a reviewer. Taking outcomes as they finish (a `JoinSet`) and looking up
//! where the item stands in `items` keeps every list in order, repeats included, as long
//! as the entries of one item all end the same way. But two entries of one item have
//! the same value: the value says which item an outcome is for, not which entry. If the
//! second entry finishes first, its outcome lands in the first entry's place. Keep each
//! outcome with its entry: its position, or its handle.

use std::collections::{HashMap, VecDeque};
use std::future::Future;

use tokio::task::JoinSet;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let mut running = JoinSet::new();
    let mut item_of = HashMap::new();
    for &id in items {
        item_of.insert(running.spawn(call(&job, id)).id(), id);
    }
    // ANCHOR: mistake
    let mut free: HashMap<u32, VecDeque<usize>> = HashMap::new();
    for (position, &id) in items.iter().enumerate() {
        free.entry(id).or_default().push_back(position);
    }
    let mut outcomes: Vec<_> = items.iter().map(|_| None).collect();
    while let Some(joined) = running.join_next_with_id().await {
        let (task, outcome) = match joined {
            Ok((task, outcome)) => (task, Ok(outcome)),
            Err(error) => (error.id(), Err(error)),
        };
        let entry = free.get_mut(&item_of[&task]).and_then(VecDeque::pop_front);
        outcomes[entry.expect("an entry of this item is free")] = Some(outcome);
    }
    // ANCHOR_END: mistake
    let outcomes = outcomes
        .into_iter()
        .map(|o| o.expect("every entry has one"));
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
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
