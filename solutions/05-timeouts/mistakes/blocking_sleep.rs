//! Mistake: waiting between attempts with `std::thread::sleep`.
//!
//! The habit of every synchronous retry loop (Python's `time.sleep`), and it even
//! waits the right time on a wall clock. But it does not suspend the task, it stops
//! the thread: every other task on that thread (on a current-thread runtime, all of
//! them) freezes for the whole backoff, timers and I/O included. Tokio's clock does
//! not see the wait either, which is why the paused test clock shows no wait at all.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, timeout_at};

/// The limits of one [`call_with_retry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times to call the operation at most (at least 1).
    pub max_attempts: u32,
    /// How long one attempt may run before it is abandoned.
    pub attempt_timeout: Duration,
    /// The wait after the first failure; each later wait is twice the one before.
    pub first_backoff: Duration,
    /// No wait is longer than this.
    pub max_backoff: Duration,
    /// The whole call ends by `total` after it began, whatever happens.
    pub total: Duration,
}

/// Why one attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptError<E> {
    /// It did not finish within its timeout, and was dropped.
    TimedOut,
    /// The operation returned this error.
    Failed(E),
}

/// Why [`call_with_retry`] gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryError<E> {
    /// The total deadline left no time for another attempt.
    DeadlineExceeded {
        attempts: u32,
        last: AttemptError<E>,
    },
    /// All `max_attempts` attempts failed.
    AttemptsExhausted {
        attempts: u32,
        last: AttemptError<E>,
    },
}

pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let deadline = Instant::now() + policy.total;
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let ends_at = deadline.min(Instant::now() + policy.attempt_timeout);
        let last = match timeout_at(ends_at, op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = Instant::now() + backoff;
        if next_attempt >= deadline {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        // ANCHOR: mistake
        // `time.sleep` in a Python retry loop: it waits, but by stopping the thread.
        std::thread::sleep(backoff);
        // ANCHOR_END: mistake
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
