//! Mistake: the producers are drained one after another, in `run_pipeline` itself.
//!
//! The workers are tasks, so the producing is left in the function, as a plain loop:
//! Python's `for p in producers: async for item in p: await queue.put(item)`. It is
//! correct, bounded and shuts down cleanly, which is why it is easy to miss. But the
//! second producer is not polled until the first has ended: while one producer waits
//! for its next item (a slow socket, a slow file), the others could have been feeding
//! the idle workers, and they wait instead. Producers need a task each, like workers.

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
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    // ANCHOR: mistake
    // One producer at a time: the next one starts when this one has ended.
    for mut producer in producers {
        while let Some(item) = producer.next().await {
            if tx.send(item).await.is_err() {
                break;
            }
        }
    }
    drop(tx);
    // ANCHOR_END: mistake
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(done.expect("a worker panicked"));
    }
    outputs
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
