//! Another correct way to name the item on an error: an error type of one's own,
//! `ItemFailed { id, source }`, instead of `anyhow::Context`.
//!
//! Its `Display` is `item 50`, and its `source()` is the job's error, so `{:#}` prints
//! `item 50: out of stock` and `chain()` walks down to `OutOfStock`, as with a context.
//! What changes is how a caller asks: anyhow's `downcast_ref` sees the context layers
//! anyhow built, not a `source()` of someone else's type, so here the caller finds the
//! job's error with `error.chain().find_map(|e| e.downcast_ref::<OutOfStock>())`, and
//! can match the whole failure as an `ItemFailed` (`downcast_ref::<ItemFailed>()`) to
//! read its `id` as a number. The rest is the reference (a task per item, joined in
//! order).

use std::error::Error;
use std::fmt;
use std::future::Future;

// ANCHOR: item_failed
/// An item's failure: names the item, with the job's error as its source.
#[derive(Debug)]
pub struct ItemFailed {
    /// The item whose job returned `Err`.
    pub id: u32,
    source: anyhow::Error,
}

impl fmt::Display for ItemFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "item {}", self.id)
    }
}

impl Error for ItemFailed {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.source.as_ref())
    }
}
// ANCHOR_END: item_failed

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job (whether the job panics when called or while it runs).
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
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(source)) => report
                .failed
                .push(anyhow::Error::new(ItemFailed { id, source })),
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
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
