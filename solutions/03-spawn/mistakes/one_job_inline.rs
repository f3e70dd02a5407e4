//! Mistake: "one job needs no task": a single job is `join!`ed with the foreground work.
//! class: boundary — every batch the other tests use has three jobs or more; only a
//! batch of one takes the shortcut.
//!
//! Found by a reviewer. With one job, `join!` overlaps it with the foreground work and
//! the timing is right. But the job runs inside the caller's task, not in one of its
//! own: it is not a background task at all (on a multi-thread runtime it cannot run on
//! another worker, and it stops whenever the caller's task does).

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
        let (output, result) = tokio::join!(foreground, job);
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
