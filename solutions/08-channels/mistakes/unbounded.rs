//! Mistake: an unbounded channel.
//! class: bad-argument — `capacity` is taken and silently ignored.
//!
//! `capacity` looks like a tuning knob, and `unbounded_channel` looks simpler: `send`
//! never waits, so it is not even `async`. That is exactly the bug: nothing ever holds
//! the producers back, so they run ahead of the workers and every item produced so far
//! sits in memory. With producers faster than consumers, the backlog grows without limit
//! (asyncio's `Queue()` with no `maxsize` has the same flaw).

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
    reference::check_arguments(workers, capacity);
    // ANCHOR: mistake
    let _ = capacity; // "no need for a limit"
    let (tx, rx) = mpsc::unbounded_channel();

    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                // Never waits: the producer goes straight on to its next item.
                if tx.send(item).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    // ANCHOR_END: mistake

    // The workers, as in the reference, but at an unbounded receiver.
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
