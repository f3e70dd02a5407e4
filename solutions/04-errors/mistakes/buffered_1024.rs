//! Mistake: `buffered(1024)`: "at most 1024 items in flight, just above any real batch".
//! class: fixture — a limit above the test's thousand items never bites; only items
//! that need each other all running at once tell "no limit" from a high one.
//!
//! Found by a reviewer. Every item runs in a task of its own and the order of `items`
//! is kept, and with a thousand items all of them do run at once. But the 1025th item
//! waits for a free place, and items that wait for one another (a barrier, a reply from
//! an item not yet started) wait for ever. The exercise asks for no limit, however high.

use std::future::Future;

use futures::stream::{self, StreamExt};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let job = &job;
    // ANCHOR: mistake
    let outcomes: Vec<_> = stream::iter(items)
        .map(|&id| async move {
            join_in_order(vec![tokio::spawn(call(job, id))])
                .await
                .remove(0)
        })
        .buffered(1024)
        .collect()
        .await;
    // ANCHOR_END: mistake
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
