//! Mistake: each call of `process` runs in a `tokio::spawn` of its own, awaited by
//! its handle.
//! class: cancellation — the worker is aborted, but the call it was waiting for runs on.
//! (From the reviewer's attack in round 5, where it passed a check that looked only a
//! second later, when the calls had finished by themselves.)
//!
//! Spawning the call "isolates" a panic in `process` (the worker gets a `JoinError`
//! instead of unwinding), and awaiting the handle keeps one call per worker. But a
//! `JoinHandle` dropped with its aborted worker detaches the call: when the pipeline is
//! dropped, or panics, the calls in progress go on to the end, with no one to take
//! their outputs. Await `process(item)` in the worker itself.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

pub(crate) fn spawn_workers<T, U, F, Fut>(
    rx: mpsc::Receiver<T>,
    workers: usize,
    process: F,
) -> JoinSet<Vec<U>>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let rx = Arc::clone(&rx);
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                // ANCHOR: mistake
                // "A task of its own, so that a panic does not take the worker down."
                let call = tokio::spawn(process(item));
                outputs.push(reference::surface(call.await));
                // ANCHOR_END: mistake
            }
            outputs
        });
    }
    working
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
