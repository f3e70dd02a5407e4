//! Mistake: only the workers are joined; the producers' tasks are left to the `JoinSet`'s drop.
//! class: path — a panic in a producer: its items are missing and nobody is told.
//!
//! When every worker has returned, the queue is closed and drained, so every producer
//! has finished: joining them looks like a formality, and it is left out. But a
//! producer that *panicked* has finished too, with the rest of its stream unread; its
//! `JoinError` is the only place that says so, and dropping the `JoinSet` throws it
//! away. `run_pipeline` returns fewer outputs than there were items, as if the stream
//! had simply ended.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
async fn gather_workers<U: Send + 'static>(
    mut working: JoinSet<Vec<U>>,
    feeding: JoinSet<()>,
) -> Vec<U> {
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(reference::surface(done));
    }
    // "The workers are done, so the producers are too."
    drop(feeding);
    outputs
}
// ANCHOR_END: mistake

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
    let feeding = reference::spawn_producers(producers, tx);
    let working = reference::spawn_workers(rx, workers, process);
    gather_workers(working, feeding).await
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
