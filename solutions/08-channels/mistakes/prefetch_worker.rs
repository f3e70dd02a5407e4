//! Mistake: a worker that takes its next item while it processes the last one.
//! class: other-side — only the producers' side sees it: the item sits in the worker,
//! neither in the queue nor being processed.
//!
//! "Pipelining" the worker looks like free speed: while item k is processed, take item
//! k+1 off the queue and call `process` on it, so that its future is ready the moment
//! k is done. But the future does not run until it is awaited, so item k+1 just waits,
//! now inside the worker, where the queue's bound does not count it: each worker holds
//! one more item than the bound allows, and a worker busy with a slow item holds back
//! the next one from a worker that is free. Take the next item when you are ready to
//! process it.

use std::future::Future;
use std::sync::Arc;

use futures::stream::BoxStream;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

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

    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (rx, process) = (Arc::clone(&rx), process.clone());
        // ANCHOR: mistake
        working.spawn(async move {
            let mut outputs = Vec::new();
            let first = rx.lock().await.recv().await;
            let mut current = first.map(&process);
            while let Some(work) = current {
                // Take (and prepare) the next item while this one runs.
                let (rx, process) = (Arc::clone(&rx), process.clone());
                let take_next = async move { rx.lock().await.recv().await.map(process) };
                let (output, next) = tokio::join!(work, take_next);
                outputs.push(output);
                current = next;
            }
            outputs
        });
        // ANCHOR_END: mistake
    }
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
