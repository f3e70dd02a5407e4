//! Mistake: waiting between attempts with `std::thread::sleep`.
//! class: other-side — the waits are right on a wall clock; only tokio's clock, which
//! every other task runs on, shows that none happened.
//!
//! The habit of every synchronous retry loop (Python's `time.sleep`), and it even
//! waits the right time on a wall clock. But it does not suspend the task, it stops
//! the thread: every other task on that thread (on a current-thread runtime, all of
//! them) freezes for the whole backoff, timers and I/O included. Tokio's clock does
//! not see the wait either, which is why the paused test clock shows no wait at all.

use std::future::Future;

use tokio::time::{Instant, timeout_at};

use crate::reference::later;

pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    assert!(
        policy.max_attempts >= 1,
        "call_with_retry: max_attempts is 0, so not even one call is allowed"
    );
    let deadline = later(policy.total);
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, op()).await,
            None => Ok(op().await),
        };
        let last = match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        };
        // ANCHOR: mistake
        // `time.sleep` in a Python retry loop: it waits, but by stopping the thread.
        std::thread::sleep(next_attempt - Instant::now());
        // ANCHOR_END: mistake
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
