//! Mistake: no total deadline, only a per-attempt timeout and a number of attempts.
//!
//! Each piece is bounded, so the whole looks bounded too; but five attempts of 300 ms
//! with waits of 100 to 800 ms in between add up to 3 s, and the caller's budget was
//! 1 s. A deadline is a property of the whole call: it has to be checked before every
//! wait and it has to shorten the last attempt.

use std::future::Future;
use std::time::Duration;

use tokio::time::{sleep, timeout};

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
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // ANCHOR: mistake
        let last = match timeout(policy.attempt_timeout, op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // `policy.total` is never looked at: the retries go on as long as attempts last.
        sleep(backoff).await;
        // ANCHOR_END: mistake
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
