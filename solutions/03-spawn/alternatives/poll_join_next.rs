//! Another correct way: the `join_next` loop written by hand, over
//! `JoinSet::poll_join_next` in a `poll_fn`.
//!
//! The closure takes every result that is ready, in the order the tasks completed, and
//! returns `Pending` only when `poll_join_next` does: that call has registered the
//! task's waker, so the next job to end wakes it. No timer, no yield: it waits.

use std::future::Future;
use std::task::Poll;

use tokio::task::JoinSet;

// ANCHOR: poll_join_next
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut running = JoinSet::new();
    for job in jobs {
        running.spawn(job);
    }
    let output = foreground.await;
    let mut results = Vec::with_capacity(running.len());
    std::future::poll_fn(|cx| {
        loop {
            match running.poll_join_next(cx) {
                Poll::Ready(Some(joined)) => {
                    results.push(joined.expect("a background job panicked"));
                }
                Poll::Ready(None) => return Poll::Ready(()),
                Poll::Pending => return Poll::Pending,
            }
        }
    })
    .await;
    (output, results)
}
// ANCHOR_END: poll_join_next

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
