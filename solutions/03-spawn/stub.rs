//! # Exercise 03: spawn — `asyncio.create_task` in Rust
//!
//! Write [`run_in_background`]. It gets some background `jobs` and one piece of
//! `foreground` work, and it must:
//!
//! 1. **start every job at once, each in its own task**, before doing anything else
//!    (every job is spawned before the foreground work is first polled);
//! 2. **do the foreground work while the jobs run** (it must not wait for any job
//!    before starting it);
//! 3. then **collect every job's result, in the order the jobs finish** (completion
//!    order, not the order of `jobs`), and return the foreground's output with them.
//!
//! So with jobs that take 300, 100 and 200 ms and foreground work of 250 ms, the call
//! takes 300 ms and returns the results of the 100, 200 and 300 ms jobs, in that order.
//! When it returns, no job may still be running, and no result may be missing.
//!
//! The jobs are `Send + 'static` so that they can be spawned. The call's own future must
//! be `Send` whenever `foreground` is: a caller may spawn the call too (a test does).
//!
//! Also part of the task:
//! - No limit on how many jobs run at once: a thousand jobs all start together, as three do.
//! - No jobs: the call is just the foreground work, with no results.
//! - Jobs that finish at the same instant may come back in either order (but all of them).
//! - Wait for the jobs, don't poll them: no loop that looks which jobs are done and
//!   sleeps, or yields, in between. A job may end at any moment, not only when a timer
//!   fires.
//! - If a job panics, panic too (`expect` is fine here; chapter 04 handles failures
//!   properly). Do not wait for the other jobs first: panic as soon as the foreground
//!   work is done and the panicked job has ended (or earlier, if you watch the jobs
//!   during the foreground work). The jobs still running then are cancelled: none is
//!   left running.
//! - If the call itself is dropped before it returns (a `timeout` around it, a lost
//!   `select!` branch), every job it started is cancelled with it: none runs on.
//!
//! Hint: `tokio::task::JoinSet`. Run `cargo workshop hint 03` for more.
//!
//! Check your work with `cargo workshop check 03` (or `cargo test -p spawn-exercise`).

// The stub below doesn't use its arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

/// Runs `jobs` as background tasks while awaiting `foreground`; returns the foreground's
/// output and the jobs' results in the order they finished.
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    todo!(
        "run_in_background: spawn every job, do the foreground work, then join the jobs as they finish"
    )
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../exercises/03-spawn/tests/spec.rs"]
mod spec;
