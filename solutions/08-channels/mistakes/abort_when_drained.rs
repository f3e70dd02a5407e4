//! Mistake: wait until the queue is empty, then abort the workers.
//! class: cancellation — the workers are stopped half-way, and what they held is lost.
//!
//! The asyncio recipe is `await queue.join()`, then cancel the consumers. Tokio has no
//! `join()` on a queue, so it is built by hand: wait for the producers, poll until the
//! queue is empty, and `abort_all` the workers, "they are only waiting on `recv` now".
//! But an empty queue only means every item has been *taken*: the workers may still be
//! processing the last ones, and aborting them drops those items and their outputs. Let
//! the workers stop by themselves: drop every sender, and `recv()` returns `None` once
//! the queue is drained.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

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
    // Keep a clone of `tx`: the workers are stopped by hand.
    let feeding = reference::spawn_producers(producers, tx.clone());
    let rx = Arc::new(Mutex::new(rx));
    let outputs = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (rx, outputs, process) = (Arc::clone(&rx), Arc::clone(&outputs), process.clone());
        working.spawn(async move {
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                let output = process(item).await;
                outputs.lock().unwrap().push(output);
            }
        });
    }
    feeding.join_all().await;
    // ANCHOR: mistake
    // `await queue.join()`, by hand: wait until the queue is empty...
    while !rx.lock().await.is_empty() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // ... then stop the workers: "they are only waiting on `recv` now".
    working.abort_all();
    // ANCHOR_END: mistake
    while working.join_next().await.is_some() {}
    drop(tx);
    std::mem::take(&mut *outputs.lock().unwrap())
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
