//! Mistake: the producers are detached tasks (`tokio::spawn`), joined by handle at the
//! end; only the workers are in a `JoinSet`.
//! class: cancellation — dropped while a producer is in the middle of an item: the
//! producer is not aborted, and goes on producing. (From the reviewer's attack, where
//! it passed every test: the old test cut the pipeline while the producers were all
//! waiting for room, and they stopped at their next `send`.)
//!
//! Every handle is awaited, so nothing leaks when the call returns. But a dropped
//! `JoinHandle` detaches its task instead of stopping it: when the call is dropped, the
//! producers run on until their next `send` fails, polling their streams all the while
//! (a stream that reads a socket or a file keeps doing so for a caller that is gone).
//! A `JoinSet` aborts its tasks when it is dropped.

use std::future::Future;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

// ANCHOR: mistake
fn spawn_detached_producers<T: Send + 'static>(
    producers: Vec<BoxStream<'static, T>>,
    tx: mpsc::Sender<T>,
) -> Vec<JoinHandle<()>> {
    let mut feeding = Vec::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.push(tokio::spawn(async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        }));
    }
    feeding // dropped with the call, the handles detach their tasks
}
// ANCHOR_END: mistake

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
    let feeding = spawn_detached_producers(producers, tx);
    let mut working = reference::spawn_workers(rx, workers, process);
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(reference::surface(done));
    }
    for producer in feeding {
        reference::surface(producer.await);
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
