//! Mistake: a semaphore of 1024 permits, "just above anything a test would use".
//! class: fixture — a limit above the test's count never bites; only jobs that need
//! each other all running at once tell "no limit" from a high one.
//!
//! Found by a reviewer. Every job is spawned at once into a `JoinSet`, and with a
//! thousand jobs 1024 permits are never all taken: every count-based test passes. But
//! a limit is a limit: the 1025th job waits for a permit, and jobs that wait for one
//! another (a barrier, a channel to a job not yet started) wait for ever. The exercise
//! asks for none, however high.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: mistake
const AT_ONCE: usize = 1024;

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
