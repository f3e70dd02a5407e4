//! Mistake: each worker keeps the shared receiver locked while it processes its item.
//! class: fixture — with one worker, or work that takes no time, it looks the same; only
//! two workers busy side by side show it.
//!
//! `while let Some(item) = rx.lock().await.recv().await` reads like "lock, take one,
//! unlock". But a temporary in a `while let` scrutinee lives until the end of the loop
//! body, so the `MutexGuard` is held through `process(item).await` as well. The other
//! workers queue up on the lock: there are `workers` tasks, yet only one item is
//! processed at a time. Nothing warns about it: clippy's `await_holding_lock` is for
//! std's `Mutex`, and tokio's is *meant* to be held across an `.await`.

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
