//! Mistake: plain `tokio::spawn`, with the `JoinHandle`s kept in `Vec`s.
//! class: cancellation — dropped half-way, the call leaves its tasks running.
//!
//! This is `asyncio.create_task` plus `gather`, and on a normal run it is right: every
//! handle is awaited, so nothing is alive at the end. But a `JoinHandle` does not own
//! its task: dropping it detaches the task, which runs on. When the caller gives up on
//! `run_pipeline` (a `timeout` around it, an aborted caller), the producers go on
//! pulling their streams and the workers go on calling `process`, for a result nobody
//! will see. A `JoinSet` aborts its tasks when it is dropped.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, mpsc};

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
    // ANCHOR: mistake
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
    drop(tx);
    let rx = Arc::new(Mutex::new(rx));
    let mut working = Vec::new();
    for _ in 0..workers {
        let (rx, process) = (Arc::clone(&rx), process.clone());
        working.push(tokio::spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                outputs.push(process(item).await);
            }
            outputs
        }));
    }
    let mut outputs = Vec::new();
    for worker in working {
        outputs.extend(reference::surface(worker.await));
    }
    for producer in feeding {
        reference::surface(producer.await);
    }
    outputs
    // ANCHOR_END: mistake
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
