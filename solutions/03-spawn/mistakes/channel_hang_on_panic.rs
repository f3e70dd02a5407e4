//! Mistake: each job sends its result on a channel; the caller receives one per job.
//! class: path — only a job that panics shows it: then the call waits forever.
//!
//! The queue habit (`asyncio.Queue`, one `put` per job, `n` `get`s). Results do arrive in
//! completion order. But a job that panics never sends, and the caller still holds its
//! own sender, so the channel never closes: the `n`-th `recv` waits forever. A task's
//! panic is reported only through its `JoinHandle`, and these were dropped.

use std::future::Future;

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let n = jobs.len();
    let (tx, mut rx) = mpsc::unbounded_channel();
    for job in jobs {
        let tx = tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(job.await);
        });
    }
    let out = foreground.await;
    let mut results = Vec::with_capacity(n);
    for _ in 0..n {
        results.push(rx.recv().await.expect("channel closed"));
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
