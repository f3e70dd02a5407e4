//! Another correct way: the total deadline is one `timeout_at` around the whole retry
//! loop, and each attempt inside has a plain `timeout(attempt_timeout)`.
//!
//! When the outer timeout fires it drops the loop, and with it the attempt that was
//! running: that attempt was cut by the deadline, so it timed out. The count still
//! comes first: if that was the last allowed attempt, the answer is `AttemptsExhausted`.
//! The wait is checked against the deadline before sleeping, as in the reference. With
//! no deadline (a `total` too large for the clock) the loop simply runs without one.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep, timeout, timeout_at};

/// The limits of one [`call_with_retry`]. A duration too large for the clock
/// (`Duration::MAX`) means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times to call the operation at most, the first call included: at least
    /// 1 (0 panics).
    pub max_attempts: u32,
    /// How long one attempt may run before it is abandoned (0: only its first poll).
    pub attempt_timeout: Duration,
    /// The wait after the first failure; each later wait is twice the one before (0: no
    /// waits).
    pub first_backoff: Duration,
    /// No wait is longer than this (0: no waits).
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

/// Calls `op` until it succeeds, within `policy`'s timeouts, backoff and deadline.
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
    let deadline = Instant::now().checked_add(policy.total);
    let mut attempts = 0;
    let retrying = async {
        let mut wait = policy.first_backoff.min(policy.max_backoff);
        loop {
            attempts += 1;
            let last = match timeout(policy.attempt_timeout, op()).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(error)) => AttemptError::Failed(error),
                Err(_elapsed) => AttemptError::TimedOut,
            };
            if attempts >= policy.max_attempts {
                return Err(RetryError::AttemptsExhausted { attempts, last });
            }
            match (Instant::now().checked_add(wait), deadline) {
                (Some(wake), Some(deadline)) if wake < deadline => {}
                (Some(_), None) => {}
                _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
            }
            sleep(wait).await;
            wait = wait.saturating_mul(2).min(policy.max_backoff);
        }
    };
    let Some(deadline) = deadline else {
        return retrying.await;
    };
    // ANCHOR: outer
    match timeout_at(deadline, retrying).await {
        Ok(result) => result,
        // The deadline cut an attempt in the middle: that attempt timed out.
        Err(_elapsed) if attempts >= policy.max_attempts => Err(RetryError::AttemptsExhausted {
            attempts,
            last: AttemptError::TimedOut,
        }),
        Err(_elapsed) => Err(RetryError::DeadlineExceeded {
            attempts,
            last: AttemptError::TimedOut,
        }),
    }
    // ANCHOR_END: outer
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
