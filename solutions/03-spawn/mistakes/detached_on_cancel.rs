//! Mistake: `tokio::spawn` with the handles in a `Vec`, and nothing to abort them.
//! class: cancellation — it is right whenever it runs to the end; only a call dropped
//! half-way (or a panic) shows the jobs left running.
//!
//! Completion order comes from a channel and every handle is awaited, so a call that
//! runs to the end is right. But if the call is dropped half-way (a `timeout` around it,
//! a lost `select!` branch), the `Vec` of `JoinHandle`s is dropped, and a dropped handle
//! detaches its task: every job runs on, with nobody to take its result. The same
//! happens to the others when one job panics. A `JoinSet` aborts its tasks when dropped.

use std::future::Future;

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let (tx, mut rx) = mpsc::unbounded_channel();
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let tx = tx.clone();
            tokio::spawn(async move {
                let _ = tx.send(job.await);
            })
        })
        .collect();
    drop(tx);
    let out = foreground.await;
    let mut results = Vec::with_capacity(handles.len());
    while let Some(result) = rx.recv().await {
        results.push(result);
    }
    for handle in handles {
        handle.await.expect("a job panicked");
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
