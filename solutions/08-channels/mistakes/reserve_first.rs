//! Mistake: a producer reserves its place in the queue before it takes the item.
//! class: boundary — fewer places than producers: the producers take turns at producing.
//!
//! `tx.reserve().await`, then `producer.next().await`, then `permit.send(item)`: "wait
//! for room before taking the next item" read word for word, and memory is even tighter
//! than with `send` (no producer holds an item while it waits). But a place in the queue
//! is now held for as long as the producer takes to *produce*, and producing is the slow
//! part: with room for two and three producers, only two can produce at a time, and the
//! third waits for a place that nobody is using yet. Take the item first, then wait for
//! room while holding it: `tx.send(item).await`.

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
            // A place in the queue first, then the item to put in it.
            while let Ok(place) = tx.reserve().await {
                let Some(item) = producer.next().await else {
                    break;
                };
                place.send(item);
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
