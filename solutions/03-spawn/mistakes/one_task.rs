//! Mistake: one background task that drives every job.
//! class: other-side — timing and order are right; only the runtime's count of tasks sees it.
//!
//! `tokio::spawn` of a hand-rolled `join_all`: the jobs do run in the background,
//! concurrently, and come back as they finish. But they share one task, so they are
//! polled one after another by that task and never run in parallel on a multi-thread
//! runtime, and one job that blocks holds up all the others. The task asked for one
//! task per job.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let background = tokio::spawn(async move {
        let mut pending: Vec<Pin<Box<J>>> = jobs.into_iter().map(Box::pin).collect();
        let mut results = Vec::new();
        std::future::poll_fn(|cx| {
            let mut i = 0;
            while i < pending.len() {
                if let Poll::Ready(result) = pending[i].as_mut().poll(cx) {
                    results.push(result);
                    drop(pending.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            if pending.is_empty() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
        results
    });
    let out = foreground.await;
    (out, background.await.expect("a job panicked"))
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
