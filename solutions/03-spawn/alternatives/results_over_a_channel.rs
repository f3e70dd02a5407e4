//! Another correct way: the results travel over a channel, and the `JoinSet` only keeps
//! the tasks (for cancelling them, and for their panics).
//!
//! Each task sends its job's result on an unbounded `mpsc` channel the moment the job
//! ends, so the channel holds the results in the order the jobs finished: that order is
//! made where it happens, inside the tasks, not read off afterwards. A panicked job sends
//! nothing, so the channel alone would wait for ever for it; the set's `join_next` loop
//! reports it, in the order the tasks end, and `expect` re-raises it (unwinding drops the
//! set, which aborts the rest). Once the set is empty every result is in the channel. A
//! dropped call drops the set, and the jobs with it.

use std::future::Future;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: channel
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let (finished, mut results_in_order) = mpsc::unbounded_channel();
    let mut running = JoinSet::new();
    for job in jobs {
        let finished = finished.clone();
        running.spawn(async move {
            // The receiver lives until the call returns: this send cannot fail.
            let _ = finished.send(job.await);
        });
    }
    let output = foreground.await;

    while let Some(ended) = running.join_next().await {
        ended.expect("a background job panicked");
    }
    let mut results = Vec::with_capacity(results_in_order.len());
    while let Ok(result) = results_in_order.try_recv() {
        results.push(result);
    }
    (output, results)
}
// ANCHOR_END: channel

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
