//! Mistake: a countdown of the items still running, and a `Notify` from the last one.
//! class: boundary — with one item or a thousand it is right; with none, nothing ever
//! counts down to zero.
//!
//! The WaitGroup habit (Go's `wg.Wait()`, or an `asyncio.Event` that the last task
//! sets): every task counts itself out when it ends, from a guard's `Drop` so that a
//! panic counts too, and the one that brings the count to zero wakes the caller, who
//! then collects the outcomes. But with no items there is no last item: nobody calls
//! `notify_one`, and the caller waits forever for an empty batch. Awaiting the handles
//! themselves (`join_all`, a `JoinSet`) has no such edge: over nothing, it is done at
//! once.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Notify;

/// Counts one item out when dropped; the last one out wakes the caller.
struct CountOut {
    remaining: Arc<AtomicUsize>,
    all_done: Arc<Notify>,
}

impl Drop for CountOut {
    fn drop(&mut self) {
        if self.remaining.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.all_done.notify_one();
        }
    }
}

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let remaining = Arc::new(AtomicUsize::new(items.len()));
    let all_done = Arc::new(Notify::new());
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| {
            let work = call(&job, id);
            let count_out = CountOut {
                remaining: Arc::clone(&remaining),
                all_done: Arc::clone(&all_done),
            };
            tokio::spawn(async move {
                let _count_out = count_out;
                work.await
            })
        })
        .collect();
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    all_done.notified().await; // wait for the last item to finish
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
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
