//! Mistake: a queue with room for no more items than there are workers.
//! class: fixture — "at most `capacity` items wait" holds for any smaller queue; only a
//! check that the queue fills up to `capacity` shows that the producers waited while
//! there was room. (From the reviewer's attack in round 5, where it passed.)
//!
//! "No worker can take more than one item at a time, so a longer queue only holds
//! items up": the queue gets `capacity.min(workers)` places. The bound is kept, and the
//! workers are as busy as before while the producers are fast; but the caller asked for
//! room for `capacity` items, to absorb a burst while the producers are slow or the
//! workers briefly stall, and here the producers wait with room still left.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;

pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    reference::check_arguments(workers, capacity);
    // ANCHOR: mistake
    // "More room than workers only holds items up."
    let (tx, rx) = mpsc::channel(capacity.min(workers));
    // ANCHOR_END: mistake
    let feeding = reference::spawn_producers(producers, tx);
    let working = reference::spawn_workers(rx, workers, process);
    reference::gather(working, feeding).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
