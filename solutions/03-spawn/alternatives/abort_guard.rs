//! Another correct way: plain `tokio::spawn`, the `JoinHandle`s in a `Vec` behind a guard
//! that aborts them on drop, and each result stamped with the moment its job ended.
//!
//! This is what a `JoinSet` does for you, spelled out. A dropped `JoinHandle` only
//! detaches its task, so the handles live in `AbortOnDrop`: if the call is dropped
//! half-way, or unwinds from a job's panic, the guard aborts every job still running.
//! Polling the handles tells *which* jobs are done, not in what order they finished
//! (after the foreground work, several are done at once), so each task takes a ticket
//! from a shared counter as its job ends, and the results are sorted by ticket. The
//! `poll_fn` takes whichever handle is ready, so a panicked job is seen (and re-raised)
//! without waiting for slower ones.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;

use tokio::task::JoinHandle;

// ANCHOR: guard
/// Handles whose tasks are aborted when it is dropped.
struct AbortOnDrop<T>(Vec<JoinHandle<T>>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        for handle in &self.0 {
            handle.abort();
        }
    }
}
// ANCHOR_END: guard

pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    // ANCHOR: ticket
    let tickets = Arc::new(AtomicUsize::new(0));
    let spawn = |job: J| {
        let tickets = Arc::clone(&tickets);
        tokio::spawn(async move {
            let result = job.await;
            (tickets.fetch_add(1, Ordering::Relaxed), result)
        })
    };
    // ANCHOR_END: ticket
    let mut pending = AbortOnDrop(jobs.into_iter().map(spawn).collect());
    let output = foreground.await;

    let mut results = Vec::with_capacity(pending.0.len());
    std::future::poll_fn(|cx| {
        let mut i = 0;
        while i < pending.0.len() {
            match Pin::new(&mut pending.0[i]).poll(cx) {
                Poll::Ready(joined) => {
                    pending.0.swap_remove(i);
                    match joined {
                        Ok(stamped) => results.push(stamped),
                        Err(error) => std::panic::resume_unwind(error.into_panic()),
                    }
                }
                Poll::Pending => i += 1,
            }
        }
        if pending.0.is_empty() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    results.sort_unstable_by_key(|&(ticket, _)| ticket);
    (
        output,
        results.into_iter().map(|(_, result)| result).collect(),
    )
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
