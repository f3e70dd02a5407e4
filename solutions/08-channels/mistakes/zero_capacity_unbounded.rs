//! Mistake: `capacity` 0 taken to mean "no bound", as in asyncio.
//! class: bad-argument — 0 is refused by the doc, and here it silently means the opposite.
//!
//! `asyncio.Queue(maxsize=0)` is an unbounded queue, so a Python developer gives
//! `capacity` 0 the same meaning: room for as many items as tokio allows. It runs, and
//! that is the trouble: a caller who wrote 0 by mistake (a count that came out empty, a
//! default of zero) gets no backpressure at all, and finds out when memory runs out.
//! Tokio's own `mpsc::channel(0)` refuses 0; so does this exercise, at once and by name.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::{Semaphore, mpsc};

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
    // ANCHOR: mistake
    // "0 means no limit", as in `asyncio.Queue(maxsize=0)`.
    let capacity = if capacity == 0 {
        Semaphore::MAX_PERMITS
    } else {
        capacity
    };
    // ANCHOR_END: mistake
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
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
