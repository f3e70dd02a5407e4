//! Reference solution for exercise 08: `asyncio.Queue` as a bounded `mpsc` channel.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// Feeds every item of `producers` to `workers` concurrent workers through a queue of
/// at most `capacity` items; returns the outputs of `process`, in any order.
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
    // Bounded: `send` waits while `capacity` items are queued, so a fast producer
    // is held to the workers' pace instead of filling memory.
    let (tx, rx) = mpsc::channel(capacity);

    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone(); // one sender per producer task
        feeding.spawn(async move {
            // The next item is taken only once the last one is in the queue: while
            // `send` waits for room, the stream is not polled (backpressure).
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break; // every worker is gone (one panicked): stop producing
                }
            }
            // This producer's sender is dropped here.
        });
    }
    // Ours too. From now on the producers hold the only senders, so once they all
    // finish, `recv` drains the queue and then returns `None`: that is the shutdown.
    drop(tx);

    // An mpsc receiver has one owner; the workers take turns at it through an async
    // mutex. Each item is received by exactly one worker: no duplicates, unlike
    // `broadcast`, which hands every message to every receiver.
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                // The guard is a temporary of this statement: the lock is held while
                // waiting for an item and released before processing it, so the
                // other workers can take the next items meanwhile.
                let next = rx.lock().await.recv().await;
                let Some(item) = next else {
                    break; // every sender is dropped and the queue is empty
                };
                outputs.push(process(item).await);
            }
            outputs
        });
    }

    // Wait for every worker: they end only when the queue is closed and drained, so
    // every item has been processed once they have. If this future is dropped
    // (cancelled) instead, dropping the `JoinSet`s aborts every task: nothing leaks.
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(done.expect("a worker panicked"));
    }
    // The producers have finished (their senders are gone); join them to surface a
    // panic instead of silently missing its items.
    while let Some(done) = feeding.join_next().await {
        done.expect("a producer panicked");
    }
    outputs
}
