//! Another correct way: every job in a task of its own, and one more task, a helper,
//! that collects their results while the caller does the foreground work.
//!
//! The jobs are spawned into a `JoinSet` first, so all of them are running before the
//! foreground work is first polled. The set then moves into the helper, whose
//! `join_next` loop takes each result the moment its job ends, during the foreground
//! work as well as after it. The caller awaits the helper last. A job's panic makes the
//! helper panic at once (dropping the set aborts the other jobs), and the caller
//! re-raises it from the helper's `JoinError`. The helper's handle sits behind a guard
//! that aborts it on drop, so a call dropped half-way takes the helper with it, and the
//! helper's set takes the jobs.

use std::future::Future;

use tokio::task::{JoinHandle, JoinSet};

/// A task that is aborted when its handle is dropped.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    for job in jobs {
        running.spawn(job);
    }
    // ANCHOR: helper
    let mut collector = AbortOnDrop(tokio::spawn(async move {
        let mut results = Vec::with_capacity(running.len());
        while let Some(joined) = running.join_next().await {
            results.push(joined.expect("a background job panicked"));
        }
        results
    }));
    let output = foreground.await;
    let results = match (&mut collector.0).await {
        Ok(results) => results,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    };
    // ANCHOR_END: helper
    (output, results)
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
