//! Mistake: `workers` is checked only where the workers are started, after the
//! producers' tasks are spawned.
//! class: bad-argument — on the tests' runtime, one thread, a spawned task waits for
//! its turn, so the producers were aborted (by their `JoinSet`, as the panic unwound)
//! before they took an item, and the old tests saw nothing wrong. (From the reviewer's
//! attack in round 12, where it passed.)
//!
//! "Check each argument where it is used": `capacity` before the channel is made,
//! `workers` before the workers are started. But by then the producers' tasks exist,
//! and on a runtime with several threads (the default of `#[tokio::main]`) another
//! thread starts them at once: a producer may take an item from its stream, which is
//! then lost, before the call panics. A bad argument is refused before anything is
//! started.

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
    // ANCHOR: mistake
    reference::check_arguments(1, capacity); // `capacity`, for the channel
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
    reference::check_arguments(workers, capacity); // `workers`, for the workers
    // ANCHOR_END: mistake
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
