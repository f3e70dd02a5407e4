//! Mistake: a task that panicked is skipped when the results are gathered.
//! class: path — a panic in a spawned task: the run "succeeds" with outputs missing.
//!
//! "A crashed worker shouldn't crash the pipeline", so the results of `join_next` are
//! filtered with `if let Ok(..)`. But a panicking `process` takes its worker down with
//! every output it had collected, a panicking producer takes its remaining items, and
//! `run_pipeline` returns a short `Vec` as if nothing had happened: the caller cannot
//! even tell that something is missing. A task's panic is a bug to report, not a result
//! to skip: raise it again with `std::panic::resume_unwind(error.into_panic())`.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
async fn gather_what_worked<U: Send + 'static>(
    mut working: JoinSet<Vec<U>>,
    mut feeding: JoinSet<()>,
) -> Vec<U> {
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        if let Ok(some) = done {
            outputs.extend(some); // a worker that panicked is skipped
        }
    }
    while feeding.join_next().await.is_some() {} // and so is a producer
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
    gather_what_worked(working, feeding).await
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
