//! Mistake: "one item needs no concurrency": a batch of one is awaited in place.
//! class: boundary — every other batch has several items; only a batch of one that
//! panics takes the shortcut.
//!
//! Found by a reviewer. For one item, a task and a join look like ceremony, and an item
//! that succeeds or fails is reported right. But nothing catches its panic any more: the
//! panic of the call, or of the future awaited here, unwinds through `process_all`,
//! which was to return normally whatever the job does. One item is a batch too.

use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    if let [id] = *items {
        let mut report = Report::empty();
        match job(id).await {
            Ok(output) => report.succeeded.push((id, output)),
            Err(error) => report.failed.push(error.context(format!("item {id}"))),
        }
        return report;
    }
    // ANCHOR_END: mistake
    reference::process_all(items, job).await
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
