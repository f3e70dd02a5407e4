//! Mistake: a producer takes its next item while it waits for room for the last one.
//! class: boundary — one item more per producer than the bound allows.
//!
//! `join!(tx.send(item), stream.next())` "hides the producer's latency": the next item
//! is on its way while the last one waits for room. But backpressure means the producer
//! *stops* while the queue is full; here it goes on, and holds two items instead of one
//! while it waits. With three producers that is three items beyond the bound, and with a
//! producer that reads from a socket, the socket is read ahead of what the workers can
//! take.

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
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        // ANCHOR: mistake
        feeding.spawn(async move {
            let mut next = producer.next().await;
            while let Some(item) = next {
                // The next item is taken while this one waits for room.
                let (sent, following) = tokio::join!(tx.send(item), producer.next());
                if sent.is_err() {
                    break;
                }
                next = following;
            }
        });
        // ANCHOR_END: mistake
    }
    drop(tx);
    let working = reference::spawn_workers(rx, workers, process);
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
