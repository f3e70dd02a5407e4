//! Mistake: each worker keeps the shared receiver locked while it processes its item.
//!
//! `while let Some(item) = rx.lock().await.recv().await` reads like "lock, take one,
//! unlock". But a temporary in a `while let` scrutinee lives until the end of the loop
//! body, so the `MutexGuard` is held through `process(item).await` as well. The other
//! workers queue up on the lock: there are `workers` tasks, yet only one item is
//! processed at a time. Nothing warns about it: clippy's `await_holding_lock` is for
//! std's `Mutex`, and tokio's is *meant* to be held across an `.await`.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
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
    let (tx, rx) = mpsc::channel(capacity);

    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);

    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        // ANCHOR: mistake
        working.spawn(async move {
            let mut outputs = Vec::new();
            // The guard from `rx.lock().await` lives until the closing brace below.
            while let Some(item) = rx.lock().await.recv().await {
                outputs.push(process(item).await);
            }
            outputs
        });
        // ANCHOR_END: mistake
    }

    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(done.expect("a worker panicked"));
    }
    while let Some(done) = feeding.join_next().await {
        done.expect("a producer panicked");
    }
    outputs
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
