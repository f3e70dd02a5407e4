//! Another correct way: structured concurrency, nothing spawned.
//!
//! The producers and the `workers` worker loops are plain futures, run side by side
//! in the caller's task by `join(join_all(feeders), join_all(consumers))`; the workers
//! share the `Receiver` through a `tokio::sync::Mutex` borrowed from the stack (no
//! `Arc`, since nothing outlives the call). Concurrency, not parallelism, is what the
//! exercise asks for: every producer and `workers` consumers make progress at once,
//! and the bound is the channel's. With no task there is nothing to leak: a panic
//! unwinds through this future, and dropping it drops every producer and worker with
//! it.

use std::future::Future;

use futures::StreamExt;
use futures::future::{join, join_all};
use futures::stream::BoxStream;
use tokio::sync::{Mutex, Semaphore, mpsc};

/// The most workers [`run_pipeline`] accepts.
pub const MAX_WORKERS: usize = 1_000;

fn check_arguments(workers: usize, capacity: usize) {
    assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "`workers` must be 1 to {MAX_WORKERS}, not {workers}"
    );
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "`capacity` must be 1 to {}, not {capacity}",
        Semaphore::MAX_PERMITS
    );
}

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
    check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let feeders: Vec<_> = producers
        .into_iter()
        .map(|mut producer| {
            let tx = tx.clone();
            async move {
                while let Some(item) = producer.next().await {
                    if tx.send(item).await.is_err() {
                        break;
                    }
                }
            }
        })
        .collect();
    drop(tx);

    // ANCHOR: borrowed
    let rx = Mutex::new(rx);
    let rx = &rx; // each worker borrows it: they all live inside this call
    let consumers = (0..workers).map(|_| {
        let process = process.clone();
        async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                outputs.push(process(item).await);
            }
            outputs
        }
    });
    let (_, outputs) = join(join_all(feeders), join_all(consumers)).await;
    // ANCHOR_END: borrowed
    outputs.into_iter().flatten().collect()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
