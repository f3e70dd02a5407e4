//! Another correct way: the reference's tasks, gathered with one `select!` over both
//! `JoinSet`s, so that a panic is raised as soon as it is seen, in a producer as well
//! as in a worker. (From the reviewer's attack, where it passed every test.)
//!
//! Why it is also correct: the producers and the workers are the reference's, each
//! set in a `JoinSet`; the loop takes whichever task finishes next, producer or worker,
//! and ends (`else`) when both sets are empty, so every item has been processed and no
//! task is left. A `JoinError` that holds a panic is raised again with
//! `resume_unwind(error.try_into_panic())`, unchanged; a drop or a panic drops both sets,
//! which aborts every task.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, Semaphore, mpsc};
use tokio::task::{JoinError, JoinSet};

/// The most workers [`run_pipeline`] accepts: each is a task, and more than this is a
/// count of something else passed by mistake.
pub const MAX_WORKERS: usize = 1_000;

/// Passes a task's panic on to the caller, as it was.
fn raise(error: JoinError) -> ! {
    match error.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(error) => panic!("a pipeline task was cancelled: {error}"),
    }
}

/// Feeds every item of `producers` to `workers` concurrent workers through a queue of
/// at most `capacity` items; returns the outputs of `process`, in any order.
///
/// # Panics
///
/// At once, before anything is spawned or any item taken, unless `workers` is 1 to
/// [`MAX_WORKERS`] and `capacity` is 1 to `tokio::sync::Semaphore::MAX_PERMITS`.
/// Also when `process` or a producer's stream panics: with that panic's message, once
/// it is seen.
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
    assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "`workers` must be 1 to {MAX_WORKERS}, not {workers}"
    );
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "`capacity` must be 1 to {}, not {capacity}",
        Semaphore::MAX_PERMITS
    );

    let (queue, inbox) = mpsc::channel(capacity);
    let mut producing = JoinSet::new();
    for mut producer in producers {
        let queue = queue.clone();
        producing.spawn(async move {
            while let Some(item) = producer.next().await {
                if queue.send(item).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(queue);

    let inbox = Arc::new(Mutex::new(inbox));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (inbox, process) = (Arc::clone(&inbox), process.clone());
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = inbox.lock().await.recv().await;
                let Some(item) = next else { break };
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    drop(inbox);

    let mut outputs = Vec::new();
    loop {
        tokio::select! {
            Some(done) = producing.join_next() => {
                if let Err(error) = done {
                    raise(error);
                }
            }
            Some(done) = working.join_next() => match done {
                Ok(some) => outputs.extend(some),
                Err(error) => raise(error),
            },
            else => break,
        }
    }
    outputs
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
