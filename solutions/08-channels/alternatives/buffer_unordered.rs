//! Another correct way: no worker tasks at all, the queue read as a stream.
//!
//! The one `Receiver` becomes a `Stream` (`poll_fn` over `poll_recv`), mapped through
//! `process` and run `buffer_unordered(workers)`: at most `workers` calls of `process`
//! are in flight, and the moment one finishes the next item is pulled from the queue,
//! and its future polled at once. That is exactly the behaviour asked for, with
//! `workers` futures side by side in the caller's task instead of `workers` tasks: no
//! Mutex, no hand-off between tasks. The stream ends when every sender is dropped and
//! the queue is drained. A panic in `process` unwinds through this very future, and
//! dropping it drops the in-flight futures and the producers' `JoinSet` (which aborts
//! them).

use std::future::Future;

use futures::StreamExt;
use futures::stream::{self, BoxStream};
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
    let (tx, mut rx) = mpsc::channel(capacity);
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

    // ANCHOR: stream
    let queue = stream::poll_fn(move |cx| rx.poll_recv(cx));
    let outputs = queue.map(process).buffer_unordered(workers).collect().await;
    // ANCHOR_END: stream
    feeding.join_all().await; // a producer's panic is raised again here
    outputs
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
