//! Mistake: at most 100 worker tasks, whatever `workers` says.
//! class: fixture — a cap above every count of items in flight in the tests passes
//! them all; only more items at once than any plausible cap shows it. (From the
//! reviewer's attack, where it passed every test: 1000 workers had only 12 items.)
//!
//! "More than 100 tasks is wasteful anyway", so `workers.min(100)`. But the caller
//! asked for `workers` items at the same time, within the `MAX_WORKERS` the function
//! itself accepts, and gets a tenth of that, slower and with no word of it. Start
//! exactly `workers`; a limit the caller should know of is an argument check.

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
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
    // ANCHOR: mistake
    const MAX_TASKS: usize = 100; // "more would be wasteful"
    let working = reference::spawn_workers(rx, workers.min(MAX_TASKS), process);
    // ANCHOR_END: mistake
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
