//! Mistake: reporting an attempt that *failed* exactly at its cut-off as `TimedOut`.
//! class: boundary — with failures that come at once it is right; only an error that
//! arrives at the very instant the attempt's time runs out shows the difference.
//!
//! "It used up all its time, so it timed out": the kind of failure is told by the clock
//! (`Instant::now() >= cut_off`) instead of by what the timer returned. An answer ready
//! at the cut-off counts, and an error is an answer: the attempt was not dropped, it
//! failed, and `last` must carry its error.

use std::future::Future;

use tokio::time::{Instant, timeout_at};

// ANCHOR: mistake
pub(crate) async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    let Some(ends_at) = ends_at else {
        return call.await.map_err(AttemptError::Failed);
    };
    match timeout_at(ends_at, call).await {
        Ok(Ok(value)) => Ok(value),
        // It took all of its time: call that a timeout, whatever it answered.
        Ok(Err(_)) if Instant::now() >= ends_at => Err(AttemptError::TimedOut),
        Ok(Err(error)) => Err(AttemptError::Failed(error)),
        Err(_elapsed) => Err(AttemptError::TimedOut),
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
