//! Mistake: a bounded channel sized `jobs.len()`, "so that no job ever waits to send".
//! class: bad-argument — a capacity derived from the input is 0 when there are no jobs.
//!
//! With at least one job it is right. With none, `mpsc::channel(0)` panics (a bounded
//! channel needs room for one message at least), though no jobs is a normal input: the
//! call should be just the foreground work. An unbounded channel, or no channel at all
//! (a `JoinSet`), has no size to get wrong.

use std::future::Future;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let (tx, mut rx) = mpsc::channel(jobs.len());
    let mut set = JoinSet::new();
    for job in jobs {
        let tx = tx.clone();
        set.spawn(async move {
            let _ = tx.send(job.await).await;
        });
    }
    drop(tx);
    let out = foreground.await;
    let mut results = Vec::new();
    while let Some(result) = rx.recv().await {
        results.push(result);
    }
    while let Some(joined) = set.join_next().await {
        joined.expect("a job panicked");
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
