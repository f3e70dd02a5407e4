//! Mistake: each job runs as a blocking task that drives it with `Handle::block_on`.
//! class: path — a thread held for each job, and on the paused clock none of them ends.
//!
//! "Background work goes on the blocking pool": `spawn_blocking(move || rt.block_on(job))`
//! runs every job on a thread of its own, and `join_next` still takes them as they
//! finish. But a job is a future, not blocking work: it spends its time waiting, and here
//! each one holds a pool thread for all of it (the pool has 512; the rest queue behind
//! them). On tokio's paused test clock a blocking task that is running keeps the clock
//! from moving on, and the jobs wait on that clock, so none of them ever finishes. Found
//! by a reviewer in round 7, when it hung the suite; the tests now fail it once the clock
//! has stood still for half a second of real time. `JoinSet::spawn(job)` runs a job as a
//! task, which holds no thread while it waits.

use std::future::Future;

use tokio::task::JoinSet;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    // ANCHOR: mistake
    let runtime = tokio::runtime::Handle::current();
    for job in jobs {
        let runtime = runtime.clone();
        running.spawn_blocking(move || runtime.block_on(job));
    }
    // ANCHOR_END: mistake
    let output = foreground.await;
    let mut results = Vec::with_capacity(running.len());
    while let Some(joined) = running.join_next().await {
        results.push(joined.expect("a background job panicked"));
    }
    (output, results)
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
