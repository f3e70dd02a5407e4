//! Mistake: racing each attempt against its timer with the timer's branch first.
//! class: boundary — only an answer at the very instant of the cut-off shows it.
//!
//! `select! { biased; () = sleep_until(cut) => …, r = op() => … }` looks careful: the
//! timer is the guard, so check it first, and `biased` makes the race deterministic. But
//! at the cut-off both are ready, and the timer wins: an answer that came in time is
//! dropped and the call retried. With `total` 0, even an instant answer never gets its
//! first poll.

use std::future::Future;

use tokio::time::{Instant, sleep_until};

// ANCHOR: mistake
async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    let Some(ends_at) = ends_at else {
        return call.await.map_err(AttemptError::Failed);
    };
    tokio::select! {
        biased;
        () = sleep_until(ends_at) => Err(AttemptError::TimedOut),
        result = call => result.map_err(AttemptError::Failed),
    }
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
