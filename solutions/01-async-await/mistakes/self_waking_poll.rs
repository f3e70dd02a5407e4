//! Mistake: each step polled through a `poll_fn` that asks to be polled again at once
//! whenever the step is not ready.
//! class: other-side — only how often the job's future is polled shows it.
//!
//! Found by round 6's attack, which the tests of the time did not stop: they hung.
//! "Wake me again right away, in case it is done by then." The step gets the right
//! `Context` and would wake the task itself when ready; the extra wake only makes the
//! task runnable again at once, for ever. A runtime with a runnable task never parks,
//! so it burns a core, and on the paused clock time never moves on: the step's timer
//! never fires. The spec runs every job under a count of its polls per instant.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

// ANCHOR: mistake
/// Awaits `fut`, asking to be polled again at once while it is not ready.
async fn eager<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    std::future::poll_fn(|cx| match fut.as_mut().poll(cx) {
        Poll::Ready(value) => Poll::Ready(value),
        Poll::Pending => {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = eager(steps.load(name)).await?;
    let edited = eager(steps.transform(text)).await;
    eager(steps.save(name, edited)).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
