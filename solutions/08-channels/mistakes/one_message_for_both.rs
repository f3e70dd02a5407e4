//! Mistake: one check for both arguments, with one message that names both.
//! class: bad-argument — the message names the wrong argument, and the right one too.
//! (From the reviewer's attack, where it passed a test that only looked for the wrong
//! argument's name in the message.)
//!
//! One `assert!` is shorter, and its message lists both rules, so it names whichever
//! is wrong. But the caller reads "`workers` must be 1 to 1000 and `capacity` 1 to …"
//! and cannot tell which of their two numbers to fix. A check per argument says which
//! one is wrong, and what it was.

use tokio::sync::Semaphore;

// ANCHOR: mistake
pub(crate) fn check_arguments(workers: usize, capacity: usize) {
    assert!(
        (1..=MAX_WORKERS).contains(&workers) && (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "bad arguments: `workers` must be 1 to {MAX_WORKERS} and `capacity` 1 to {}",
        Semaphore::MAX_PERMITS
    );
}
// ANCHOR_END: mistake

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;

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
