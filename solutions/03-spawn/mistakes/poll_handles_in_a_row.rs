//! Mistake: polling a `Vec` of `JoinHandle`s in a row and taking whichever are ready.
//! class: fixture — only jobs that finish during the foreground work in another order than
//! they were given show it.
//!
//! A hand-written `poll_fn` over the handles, with a guard that aborts them on drop: the
//! cancellation is right, a panic is re-raised at once, and a job that ends after the
//! foreground work is taken the moment it ends. But on the first poll after the
//! foreground work, every job that finished during it is ready at once, and the loop
//! takes them in the order of the `Vec`: when each of them finished is not known any
//! more. A `JoinSet` queues its tasks as they complete; bare handles do not.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use tokio::task::JoinHandle;

struct AbortOnDrop<T>(Vec<JoinHandle<T>>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        for handle in &self.0 {
            handle.abort();
        }
    }
}

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let mut pending = AbortOnDrop(jobs.into_iter().map(tokio::spawn).collect());
    let output = foreground.await;
    let mut results = Vec::with_capacity(pending.0.len());
    std::future::poll_fn(|cx| {
        let mut i = 0;
        while i < pending.0.len() {
            match Pin::new(&mut pending.0[i]).poll(cx) {
                Poll::Ready(joined) => {
                    pending.0.remove(i);
                    match joined {
                        Ok(result) => results.push(result),
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
    (output, results)
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
