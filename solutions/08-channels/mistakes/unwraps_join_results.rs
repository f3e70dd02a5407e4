//! Mistake: the results of `join_next` are unwrapped.
//! class: path — a panic in a task: the caller gets a panic, but a new one, whose
//! message quotes the old one inside a `JoinError`. (From the reviewer's attack, where
//! it passed a test that only looked for the task's message in the caller's.)
//!
//! `.unwrap()` is what one writes on a `Result` without thinking, and the pipeline does
//! panic. But the panic the caller catches is `called `Result::unwrap()` on an `Err`
//! value: JoinError::Panic(..)`, not the one that happened: a test that expects the
//! worker's message, or a payload that is not a string, sees something else.
//! `std::panic::resume_unwind(error.into_panic())` passes on the very panic.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
async fn gather_unwrapped<U: Send + 'static>(
    mut working: JoinSet<Vec<U>>,
    mut feeding: JoinSet<()>,
) -> Vec<U> {
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(done.unwrap()); // a new panic, around the worker's
    }
    while let Some(done) = feeding.join_next().await {
        done.unwrap();
    }
    outputs
}
// ANCHOR_END: mistake

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
    let feeding = reference::spawn_producers(producers, tx);
    let working = reference::spawn_workers(rx, workers, process);
    gather_unwrapped(working, feeding).await
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
