//! Another correct way: collect the jobs into a `JoinSet`, then `JoinSet::join_all`.
//!
//! `JoinSet` implements `FromIterator` for futures: collecting spawns each one as a task
//! of its own, so every job is running before the foreground work is first polled.
//! `join_all` is the `join_next` loop written for you: it returns the results in the
//! order the tasks completed, and re-raises a task's panic (dropping the set, and so
//! aborting the rest, as it unwinds). If the call is dropped, the set goes with it.

use std::future::Future;

use tokio::task::JoinSet;

// ANCHOR: join_all
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let running: JoinSet<T> = jobs.into_iter().collect();
    let output = foreground.await;
    (output, running.join_all().await)
}
// ANCHOR_END: join_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
