//! Mistake: the arguments are passed on unchecked.
//! class: bad-argument — 0 hangs, and an absurd capacity panics deep inside tokio.
//!
//! The doc says what `workers` and `capacity` may be, so "the caller will respect it".
//! With `workers` 0 nobody ever takes an item: the producers fill the queue and wait for
//! room forever, and so does the caller, with no error anywhere. With `capacity` 0 or
//! beyond tokio's limit, `mpsc::channel` panics with a message about its *buffer* or a
//! *semaphore*, which the caller never passed. Check the arguments first, and say which
//! one is wrong and why.

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
    // No checks: "the doc says what the arguments may be".
    let (tx, rx) = mpsc::channel(capacity);
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
