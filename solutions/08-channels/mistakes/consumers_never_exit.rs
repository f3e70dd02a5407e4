//! Mistake: the original `Sender` is never dropped, so the workers never stop.
//!
//! Each producer task gets a clone of `tx` and drops it when its stream ends, which
//! looks like enough. But the original `tx` is still alive in `run_pipeline` itself,
//! which is busy waiting for the workers. A receiver sees `None` only when *every*
//! sender is gone, so the workers wait for an item that can never come, and
//! `run_pipeline` waits for the workers: a deadlock, with no error anywhere. (The
//! asyncio version of this bug is a consumer waiting for a `None` sentinel that nobody
//! sends.)

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
    // ANCHOR: mistake
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
            // This clone is dropped here... but `tx` itself lives on below.
        });
    }
    // ANCHOR_END: mistake

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

    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(done.expect("a worker panicked"));
    }
    while let Some(done) = feeding.join_next().await {
        done.expect("a producer panicked");
    }
    outputs
    // `tx` would be dropped here, at the end of the function: too late.
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
