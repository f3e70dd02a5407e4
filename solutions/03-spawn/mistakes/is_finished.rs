//! Mistake: taking the handles that are already finished first, then the rest.
//! class: fixture — only jobs that finish during the foreground work in another order than
//! they were given show it.
//!
//! After the foreground work, `JoinHandle::is_finished` splits the jobs into "done" and
//! "still running", and each group is awaited in the order the jobs were given. It looks
//! like completion order, and with one job left over it is. But among the jobs that were
//! already done it keeps the given order: which of them finished first is lost.

use std::future::Future;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let out = foreground.await;
    let (done, pending): (Vec<_>, Vec<_>) = handles.into_iter().partition(|h| h.is_finished());
    let mut results = Vec::new();
    for handle in done.into_iter().chain(pending) {
        results.push(handle.await.expect("a job panicked"));
    }
    (out, results)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
