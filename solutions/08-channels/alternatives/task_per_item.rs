//! Another correct way: one dispatcher, a task per item, a semaphore of `workers`.
//!
//! The asyncio habit, `async with sem: create_task(...)`, done right: the dispatcher
//! takes one of `workers` permits *before* it receives the next item, so an item
//! leaves the queue only when there is room to process it, and the permit goes back
//! when its task is done. The behaviour is the same as `workers` worker tasks: never
//! more than `workers` items in progress, the next one taken the moment one ends,
//! from the one queue (this is the bounded-concurrency pattern of chapter 09). The
//! tasks sit in a `JoinSet`: dropped, it aborts them; joined, it raises a panic again
//! (here once the other items are done, which the exercise allows).

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

/// The most workers [`run_pipeline`] accepts.
pub const MAX_WORKERS: usize = 1_000;

fn check_arguments(workers: usize, capacity: usize) {
    assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "`workers` must be 1 to {MAX_WORKERS}, not {workers}"
    );
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "`capacity` must be 1 to {}, not {capacity}",
        Semaphore::MAX_PERMITS
    );
}

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
    check_arguments(workers, capacity);
    let (tx, mut queue) = mpsc::channel(capacity);
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);

    // ANCHOR: permits
    let room = Arc::new(Semaphore::new(workers));
    let mut jobs = JoinSet::new();
    loop {
        // A place to process it first, then the item.
        let permit = Arc::clone(&room)
            .acquire_owned()
            .await
            .expect("never closed");
        let Some(item) = queue.recv().await else {
            break;
        };
        let work = process(item);
        jobs.spawn(async move {
            let output = work.await;
            drop(permit); // the next item may go
            output
        });
    }
    // ANCHOR_END: permits
    let outputs = jobs.join_all().await;
    feeding.join_all().await;
    outputs
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
