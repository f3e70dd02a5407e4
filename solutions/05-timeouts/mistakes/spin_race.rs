//! Mistake: cutting an attempt off by looking at the clock each time it is polled, in a
//! `poll_fn` that wakes itself.
//! class: cancellation — an attempt that answers is right; only one that must be cut
//! off shows that nothing but the task itself ever wakes it. (From the reviewer's attack
//! in round 6, where it hung the suite.)
//!
//! The race by hand: poll the call, and if it is not ready, compare `Instant::now()`
//! with the cut-off; `wake_by_ref()` so that the task is polled again to look once more.
//! A timer would wake it at the cut-off; this wakes it at once, forever, so the runtime
//! is never idle: a core burns until the cut-off on a real clock, and on the paused test
//! clock time never gets there. Race the call against `sleep_until(cut_off)` (or use
//! `timeout_at`), which wakes the task only when the time is up.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use tokio::time::Instant;

// ANCHOR: mistake
async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    let mut call = pin!(call);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(result) = call.as_mut().poll(cx) {
            return Poll::Ready(result.map_err(AttemptError::Failed));
        }
        if ends_at.is_some_and(|ends_at| Instant::now() >= ends_at) {
            return Poll::Ready(Err(AttemptError::TimedOut));
        }
        // Look again soon.
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
