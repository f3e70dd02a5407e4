//! Mistake: each job is polled once in the caller, "to start it at once" as Python 3.12's
//! eager tasks do, and only then spawned.
//! class: other-side — the timing, the order and the cancelling are right; only the jobs
//! see that their first steps ran in the caller's task.
//!
//! Found by a reviewer in round 5. Every job does end up in a task of its own, but a
//! future runs wherever it is polled: its first steps, up to its first `.await` that
//! waits, run in the caller, one job after another, before the foreground work starts.
//! A job with a lot to do before its first wait holds the caller up. `spawn` starts the
//! job by itself; hand it over unpolled.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use tokio::task::JoinSet;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    // ANCHOR: mistake
    for job in jobs {
        let mut job = Box::pin(job);
        match job.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(result) => running.spawn(async move { result }),
            Poll::Pending => running.spawn(job),
        };
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
