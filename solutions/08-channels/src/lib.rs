//! Reference solution for exercise 08: `asyncio.Queue` as a bounded `mpsc` channel.
//!
//! [`run_pipeline`] is four steps, each a small function below, called by its path from
//! the crate root (`crate::spawn_producers(…)`, `crate::gather(…)`), as `gather` calls
//! `crate::join_producers` and `crate::surface`. Each file in `mistakes/` includes this one as a module, beside its
//! own version of one step; the path then leads to that version, and everything else
//! stays as it is here.

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, Semaphore, mpsc};
use tokio::task::{JoinError, JoinSet};

/// The most workers [`run_pipeline`] accepts: each is a task, and more than this is a
/// count of something else passed by mistake.
pub const MAX_WORKERS: usize = 1_000;

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
    crate::check_arguments(workers, capacity);
    // Bounded: `send` waits while `capacity` items are queued, so a fast producer
    // is held to the workers' pace instead of filling memory.
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = crate::spawn_producers(producers, tx); // our own `tx` goes with it
    let working = crate::spawn_workers(rx, workers, process);
    crate::gather(working, feeding).await
}

/// A task per producer, each with its own clone of `tx`; the original is dropped.
pub(crate) fn spawn_producers<T: Send + 'static>(
    producers: Vec<BoxStream<'static, T>>,
    tx: mpsc::Sender<T>,
) -> JoinSet<()> {
    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone(); // one sender per producer task
        feeding.spawn(async move {
            // The next item is taken only once the last one is in the queue: while
            // `send` waits for room, the stream is not polled (backpressure).
            while let Some(item) = producer.next().await {
                if tx.send(item).await.is_err() {
                    break; // every worker is gone: stop producing
                }
            }
            // This producer's sender is dropped here.
        });
    }
    // Ours too. From now on the producers hold the only senders, so once they all
    // finish, `recv` drains the queue and then returns `None`: that is the shutdown.
    drop(tx);
    feeding
}

/// `workers` tasks sharing `rx`, each processing one item at a time until the queue
/// is closed and empty; each returns its outputs.
pub(crate) fn spawn_workers<T, U, F, Fut>(
    rx: mpsc::Receiver<T>,
    workers: usize,
    process: F,
) -> JoinSet<Vec<U>>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    // An mpsc receiver has one owner; the workers take turns at it through an async
    // mutex. Each item is received by exactly one worker: no duplicates, unlike
    // `broadcast`, which hands every message to every receiver.
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                // The guard is a temporary of this statement: the lock is held while
                // waiting for an item and released before processing it, so the
                // other workers can take the next items meanwhile.
                let next = rx.lock().await.recv().await;
                let Some(item) = next else {
                    break; // every sender is dropped and the queue is empty
                };
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    working
}

/// Waits for every worker, then every producer; returns the workers' outputs.
pub(crate) async fn gather<U: Send + 'static>(
    mut working: JoinSet<Vec<U>>,
    feeding: JoinSet<()>,
) -> Vec<U> {
    // The workers end only when the queue is closed and drained, so every item has
    // been processed once they have. A worker's panic is raised here as soon as it is
    // seen; unwinding drops both `JoinSet`s, which aborts every task. If this future is
    // dropped (cancelled) instead, the same drops abort them too: nothing leaks.
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(crate::surface(done));
    }
    crate::join_producers(feeding).await;
    outputs
}

/// Joins the producers, which have finished (their senders are gone): a producer's
/// panic is raised here instead of its items going silently missing.
pub(crate) async fn join_producers(mut feeding: JoinSet<()>) {
    while let Some(done) = feeding.join_next().await {
        crate::surface(done);
    }
}

/// Refuses, at once and by name, the arguments with which the pipeline could only
/// hang (no worker: nobody empties the queue; no room: nobody can fill it) or panic
/// deep inside tokio (a channel larger than tokio allows).
pub(crate) fn check_arguments(workers: usize, capacity: usize) {
    assert!(
        (1..=MAX_WORKERS).contains(&workers),
        "run_pipeline: `workers` is {workers}, but must be 1 to {MAX_WORKERS}: with no \
         worker nothing ever takes an item off the queue"
    );
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "run_pipeline: `capacity` is {capacity}, but must be 1 to {} (tokio's largest \
         channel): with no room in the queue no producer can ever hand over an item \
         (and 0 does not mean \"unbounded\", as asyncio's `Queue(maxsize=0)` does)",
        Semaphore::MAX_PERMITS
    );
}

/// What a finished task returned; a task that panicked raises its panic here, with
/// its own message. (No task is ever aborted while it is being joined.)
pub(crate) fn surface<T>(done: Result<T, JoinError>) -> T {
    done.unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))
}
