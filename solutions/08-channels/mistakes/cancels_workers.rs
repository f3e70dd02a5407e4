//! Mistake: the workers are cancelled as soon as the producers are done.
//! class: cancellation — the workers are stopped half-way, and what they held is lost.
//!
//! This is the asyncio recipe translated line by line: `await asyncio.gather(*producers)`,
//! then `for c in consumers: c.cancel()`. In Python it needs `await queue.join()` in
//! between, and it is easy to forget. In Rust the items still in the queue, and those
//! being processed at that moment, are simply lost: cancelling a task drops whatever it
//! was doing. Tokio has no `queue.join()` and needs none: drop the senders and let the
//! workers drain the queue until `recv()` returns `None`.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::future::join_all;
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
    // The workers report each output here as they go.
    let (done_tx, mut done_rx) = mpsc::unbounded_channel();

    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        let done_tx = done_tx.clone();
        working.spawn(async move {
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                let _ = done_tx.send(process(item).await);
            }
        });
    }
    drop(done_tx);

    // ANCHOR: mistake
    // `await asyncio.gather(*producers)`: every producer, all at once, in this task.
    join_all(producers.into_iter().map(|mut producer| {
        let tx = tx.clone();
        async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        }
    }))
    .await;

    // "Everything is produced, so the work is done": `for c in consumers: c.cancel()`.
    working.shutdown().await;
    // ANCHOR_END: mistake

    let mut outputs = Vec::new();
    while let Some(output) = done_rx.recv().await {
        outputs.push(output);
    }
    outputs
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
