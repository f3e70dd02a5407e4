//! Mistake: the caller keeps a handle on the shared receiver, and joins the producers
//! before the workers.
//! class: path — a panic in the only worker: nobody is left to make room, and the
//! caller waits for the producers for ever.
//! (From the reviewer's attack in round 5, where it passed: with two workers the one
//! left keeps the queue moving.)
//!
//! The `Arc<Mutex<Receiver>>` is made in `run_pipeline` and a clone given to each
//! worker; the original stays in `run_pipeline` until the end. With every worker alive
//! nothing shows. But when the last worker panics, the receiver is still alive (the
//! caller holds it), so the producers' `send` does not fail: they wait for room, and
//! the caller waits for them, and never gets to the worker's panic. Give the receiver
//! away, and wait for the workers first: their `JoinSet` reports a panic at once.

use std::future::Future;
use std::sync::Arc;

use futures::stream::BoxStream;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let mut feeding = reference::spawn_producers(producers, tx);
    // ANCHOR: mistake
    let rx = Arc::new(Mutex::new(rx)); // kept here until the end
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (rx, process) = (Arc::clone(&rx), process.clone());
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                outputs.push(process(item).await);
            }
            outputs
        });
    }
    // "The producers first: they come first in the pipeline."
    while let Some(done) = feeding.join_next().await {
        reference::surface(done);
    }
    drop(rx);
    // ANCHOR_END: mistake
    let mut outputs = Vec::new();
    while let Some(done) = working.join_next().await {
        outputs.extend(reference::surface(done));
    }
    outputs
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
