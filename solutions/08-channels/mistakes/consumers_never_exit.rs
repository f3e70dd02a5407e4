//! Mistake: the original `Sender` is never dropped, so the workers never stop.
//! class: path — every item is processed; only the last step, the shutdown, never comes.
//!
//! Each producer task gets a clone of `tx` and drops it when its stream ends, which
//! looks like enough. But the original `tx` is still alive in `run_pipeline` itself,
//! which is busy waiting for the workers. A receiver sees `None` only when *every*
//! sender is gone, so the workers wait for an item that can never come, and
//! `run_pipeline` waits for the workers: a deadlock, with no error anywhere. (The
//! asyncio version of this bug is a consumer waiting for a `None` sentinel that nobody
//! sends.)

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
    let working = reference::spawn_workers(rx, workers, process);
    reference::gather(working, feeding).await
    // `tx` would be dropped here, at the end of the function: too late.
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
