//! Mistake: the room in the queue is given back only when the item is processed.
//! class: boundary — fewer places than workers: `capacity` becomes a limit on the work.
//!
//! The bound is meant for items *waiting*, but it is easy to build it as a bound on
//! items *in the pipeline*: an unbounded channel plus a semaphore of `capacity`
//! permits, a permit taken before each send and released when `process` has finished.
//! Then with room for two items and three workers, only two items are ever processed
//! at once: the third worker idles while an item is waiting for it. A worker frees the
//! item's place when it takes the item, not when it is done with it.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, Semaphore, mpsc};
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
    let (tx, rx) = mpsc::unbounded_channel();
    let room = Arc::new(Semaphore::new(capacity));
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let (tx, room) = (tx.clone(), Arc::clone(&room));
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                let place = room.clone().acquire_owned().await.expect("never closed");
                if tx.send((item, place)).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (rx, process) = (Arc::clone(&rx), process.clone());
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                // ANCHOR: mistake
                let Some((item, place)) = next else { break };
                outputs.push(process(item).await);
                drop(place); // the place in the queue is freed only now
                // ANCHOR_END: mistake
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
