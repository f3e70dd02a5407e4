//! Mistake: a fixed pool of worker tasks pulling jobs from a shared queue.
//! class: fixture — three jobs never fill a pool of four; a thousand show the cap.
//!
//! The thread-pool habit (`ThreadPoolExecutor(max_workers=4)`): four workers take jobs
//! from a queue and send each result on a channel as it finishes. With three jobs every
//! job has a worker and it looks right. With a thousand, only four run at a time and
//! the rest wait in the queue, and a worker runs several jobs one after another in one
//! task. Tasks are cheap: one per job is the point.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tokio::task::JoinSet;

const WORKERS: usize = 4;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let n = jobs.len();
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut workers = JoinSet::new();
    for _ in 0..WORKERS.min(n) {
        let (queue, tx) = (queue.clone(), tx.clone());
        workers.spawn(async move {
            loop {
                let next = queue.lock().unwrap().pop_front();
                let Some(job) = next else { break };
                let _ = tx.send(job.await);
            }
        });
    }
    drop(tx);
    let out = foreground.await;
    let mut results = Vec::with_capacity(n);
    while let Some(result) = rx.recv().await {
        results.push(result);
    }
    while let Some(worker) = workers.join_next().await {
        worker.expect("a job panicked");
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
