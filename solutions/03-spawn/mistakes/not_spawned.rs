//! Mistake: concurrency without tasks (`join!` and `FuturesUnordered`, as in chapter 02).
//! class: other-side — timing and order are right; only the runtime's count of tasks sees it.
//!
//! The timing and the order are right: every job makes progress during the foreground
//! work, and `FuturesUnordered` yields results as they finish. But nothing was spawned:
//! the jobs are polled inside the caller's own task, only while the caller polls them.
//! They are not background work. If the caller is cancelled, they stop; on a
//! multi-thread runtime they never run in parallel; and `run_in_background` could not
//! return before them even if it wanted to.

use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let running: FuturesUnordered<J> = jobs.into_iter().collect();
    tokio::join!(foreground, running.collect::<Vec<T>>())
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
