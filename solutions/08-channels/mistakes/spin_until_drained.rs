//! Mistake: spin with `yield_now()` until the queue is empty, then abort the workers.
//! class: cancellation — the workers are stopped half-way, and the wait for it is a busy loop.
//!
//! The same `await queue.join()` by hand as in `abort_when_drained`, with the wait
//! written as `while !q.empty(): await asyncio.sleep(0)`: `yield_now()` "gives the
//! others a turn". It does, but it also makes the task ready again at once, so tokio is
//! never idle: on the paused test clock time stops (the workers' 100 ms never pass, so
//! the queue never empties), and in production the loop burns a core while it waits.
//! Await the thing you are waiting for instead; here, let the workers stop by
//! themselves when the queue is closed and drained.

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
    // "Give the others a turn" until the queue is empty...
    while !rx.lock().await.is_empty() {
        tokio::task::yield_now().await;
    }
    // ... then stop the workers.
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
