//! Mistake: no more workers than producers.
//! class: fixture — every bench with at least as many producers as workers hides it.
//!
//! "More consumers than producers can never be busy", so the pool is cut to
//! `workers.min(producers.len())`. But a producer can yield items much faster than a
//! worker processes them: one fast producer can keep many workers busy, and that is
//! the whole point of the pool. With two producers and four workers, two workers'
//! worth of capacity is thrown away, and the run takes twice as long.

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
    let (tx, rx) = mpsc::channel(capacity);
    // ANCHOR: mistake
    let workers = workers.min(producers.len()); // "more would only sit idle"
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
