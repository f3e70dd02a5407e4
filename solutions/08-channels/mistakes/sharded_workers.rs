//! Mistake: a queue per worker, with the items dealt out in turn.
//! class: fixture — when every item takes as long as the next, dealing in turn looks the
//! same as one shared queue.
//!
//! An `mpsc::Receiver` has a single owner, so each worker gets a channel of its own
//! (Go-style fan-out), and the producers deal the items round-robin. No lock, no
//! sharing: it looks cleaner. But a worker can only take what was dealt to it: while
//! one worker is busy with a slow item, the items dealt to it wait behind it even if
//! another worker is idle, and a producer blocked on that full queue is blocked even
//! though another queue has room. Only a queue the workers share gives the next item to
//! whichever worker is free.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    // A queue per worker, each with its share of the room.
    let share = capacity.div_ceil(workers);
    let (mut queues, mut working) = (Vec::new(), JoinSet::new());
    for _ in 0..workers {
        let (tx, mut rx) = mpsc::channel(share);
        queues.push(tx);
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            while let Some(item) = rx.recv().await {
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    // The producers deal the items out in turn.
    let (queues, turn) = (Arc::new(queues), Arc::new(AtomicUsize::new(0)));
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let (queues, turn) = (Arc::clone(&queues), Arc::clone(&turn));
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                let next = turn.fetch_add(1, Ordering::Relaxed) % queues.len();
                if queues[next].send(item).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(queues);
    // ANCHOR_END: mistake
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
