//! Mistake: a semaphore of 128 permits, "so that a flood of jobs cannot swamp the runtime".
//! class: fixture — three jobs never use up 128 permits; a thousand show it.
//!
//! Found by a reviewer. Every job is spawned at once, as a task of its own, into a
//! `JoinSet`: the cancellation, the panics and the order are all right, and so is
//! everything with fewer than 129 jobs. But each task waits for a permit before it runs
//! its job, so with a thousand jobs only 128 run at a time and the rest queue behind
//! them: the call takes several rounds instead of one. Nothing in the task asks for a
//! limit; a task that waits costs little, and when a limit is wanted, it is chapter 09's.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const AT_ONCE: usize = 128;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let permits = Arc::new(Semaphore::new(AT_ONCE));
    let mut running = JoinSet::new();
    for job in jobs {
        let permits = Arc::clone(&permits);
        running.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("never closed");
            job.await
        });
    }
    let output = foreground.await;
    let mut results = Vec::with_capacity(running.len());
    while let Some(joined) = running.join_next().await {
        results.push(joined.expect("a background job panicked"));
    }
    (output, results)
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
