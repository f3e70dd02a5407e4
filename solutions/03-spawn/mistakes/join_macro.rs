//! Mistake: `join!` of the foreground work and a block that spawns and joins the jobs.
//! class: other-side — timing and order are right; only what the foreground sees when it
//! is first polled shows it.
//!
//! It reads as "do both at once". But `join!` polls its branches in order: the
//! foreground runs up to its first real wait before the second branch has spawned a
//! single job. Anything the foreground does at once (a synchronous step, a look at what
//! is running) happens before the background work exists.

use std::future::Future;

use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    tokio::join!(foreground, async move {
        let mut set = JoinSet::new();
        for job in jobs {
            set.spawn(job);
        }
        let mut results = Vec::new();
        while let Some(joined) = set.join_next().await {
            results.push(joined.expect("a job panicked"));
        }
        results
    })
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
