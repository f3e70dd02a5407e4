//! Mistake: `while let Some(Ok(result)) = set.join_next().await`.
//! class: path — only a job that panics shows it.
//!
//! It looks like a tidy way to unwrap. But the pattern stops matching at the first
//! `Err`: the loop ends quietly, the function returns what it has so far, and dropping
//! the `JoinSet` aborts the jobs still running. A job's panic is swallowed, and the other
//! jobs' results are lost with it.

use std::future::Future;

use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut set = JoinSet::new();
    for job in jobs {
        set.spawn(job);
    }
    let out = foreground.await;
    let mut results = Vec::new();
    while let Some(Ok(result)) = set.join_next().await {
        results.push(result);
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
