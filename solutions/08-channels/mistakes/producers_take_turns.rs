//! Mistake: the producers are drained one after another, in `run_pipeline` itself.
//! class: fixture — with producers much faster than the workers it costs 10 ms; only slow
//! producers show it.
//!
//! The workers are tasks, so the producing is left in the function, as a plain loop:
//! Python's `for p in producers: async for item in p: await queue.put(item)`. It is
//! correct, bounded and shuts down cleanly, which is why it is easy to miss. But the
//! second producer is not polled until the first has ended: while one producer waits
//! for its next item (a slow socket, a slow file), the others could have been feeding
//! the idle workers, and they wait instead. Producers need a task each, like workers.

use std::future::Future;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::mpsc;
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
    let working = reference::spawn_workers(rx, workers, process);
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
    reference::gather(working, JoinSet::new()).await
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
