//! Mistake: the jobs spawned in waves of a thousand, each wave joined before the next.
//! class: fixture — with a thousand jobs there is only one wave; only more jobs than a
//! wave holds, needing each other at once, show the waiting.
//!
//! Found by a reviewer. Up to a thousand jobs this is the reference: one `JoinSet`,
//! every job spawned before the foreground work, results as they finish. Past a
//! thousand, the next wave starts only when the whole wave before it is done, so the
//! jobs of the later waves are not started "at once" at all, and jobs that wait for one
//! another never finish.

use std::future::Future;

use tokio::task::JoinSet;

const WAVE: usize = 1000;

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    // ANCHOR: mistake
    let mut jobs = jobs.into_iter().peekable();
    let mut running = JoinSet::new();
    for job in jobs.by_ref().take(WAVE) {
        running.spawn(job);
    }
    let output = foreground.await;
    let mut results = Vec::new();
    loop {
        while let Some(joined) = running.join_next().await {
            results.push(joined.expect("a background job panicked"));
        }
        if jobs.peek().is_none() {
            break;
        }
        for job in jobs.by_ref().take(WAVE) {
            running.spawn(job);
        }
    }
    // ANCHOR_END: mistake
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
