//! Mistake: a queue with room for at least one item per worker.
//! class: boundary — one setting above another: only more workers than room shows it.
//!
//! "If the queue holds fewer items than there are workers, a worker will starve", so
//! the queue is made `capacity.max(workers)` long (or, with the two `usize` arguments
//! mixed up, `workers` long). But a worker never needs an item waiting for it: it takes
//! the next one the moment it is free, and while it processes an item that item is no
//! longer in the queue. With four workers and room for one, up to four items wait
//! instead of one: `capacity` is the caller's memory budget, not a hint.

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
    let (tx, rx) = mpsc::channel(capacity.max(workers)); // "room for every worker"
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
