//! Another correct way: no tasks at all. Every job's future is polled by one
//! `join_all` on the caller's task, each inside `FutureExt::catch_unwind`.
//!
//! A panic is caught at the edge of the future that raised it instead of at the edge
//! of a task, so it comes back as a value (`Err(payload)`) and the other futures are
//! polled on. Because the call `job(id)` is made *inside* the caught future, a job that
//! panics while building its future is caught the same way. Dropping the call drops
//! every future, which is how Rust cancels: nothing is left running. What it gives up
//! is parallelism: all the jobs share one thread, which is fine for jobs that wait and
//! wrong for jobs that compute.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use futures::future::join_all;

/// What happened to each item of a batch; each list in the order of the items.
#[derive(Debug)]
pub struct Report<T> {
    /// The items whose job returned `Ok`, with its output.
    pub succeeded: Vec<(u32, T)>,
    /// The errors of the items whose job returned `Err`, each naming its item.
    pub failed: Vec<anyhow::Error>,
    /// The items whose job panicked.
    pub panicked: Vec<u32>,
}

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job (whether the job panics when called or while it runs).
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let job = &job;
    // ANCHOR: caught
    let caught = items
        .iter()
        .map(|&id| AssertUnwindSafe(async move { job(id).await }).catch_unwind());
    let outcomes = join_all(caught).await;
    // ANCHOR_END: caught

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_payload) => report.panicked.push(id),
        }
    }
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
