//! Mistake: "no `JoinSet` for just one": a single job gets a bare `tokio::spawn`.
//! class: boundary — the three-job batches go through the `JoinSet`; only a batch of one,
//! dropped half-way, shows its job running on.
//!
//! Found by a reviewer. A batch of one runs in a task of its own, during the foreground
//! work, and its result comes back. But a dropped `JoinHandle` detaches its task rather
//! than cancelling it: if the call is dropped (a `timeout` around it), the one job runs
//! on, with nobody to take its result. A `JoinSet` of one aborts it.

use std::future::Future;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    // ANCHOR: mistake
    if jobs.len() == 1 {
        let job = jobs.into_iter().next().expect("one job");
        let handle = tokio::spawn(job);
        let output = foreground.await;
        let result = handle.await.expect("the background job panicked");
        return (output, vec![result]);
    }
    // ANCHOR_END: mistake
    reference::run_in_background(jobs, foreground).await
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
