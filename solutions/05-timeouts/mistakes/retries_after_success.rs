//! Mistake: a success is remembered, but the loop goes on.
//!
//! The Rust cousin of a Python retry loop that forgot its `break`: the value is
//! stored, the loop keeps waiting and calling until the attempts run out, and the
//! caller gets the *last* success, late, after calls it never asked for (which a
//! non-idempotent operation, such as a payment, must never see).

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

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
    let mut value = None;
    let mut last = AttemptError::TimedOut;
    let mut attempts = 0;
    while attempts < policy.max_attempts {
        attempts += 1;
        let ends_at = deadline.min(Instant::now() + policy.attempt_timeout);
        // ANCHOR: mistake
        match timeout_at(ends_at, op()).await {
            Ok(Ok(success)) => value = Some(success), // no `return`: the loop goes on
            Ok(Err(error)) => last = AttemptError::Failed(error),
            Err(_elapsed) => last = AttemptError::TimedOut,
        }
        // ANCHOR_END: mistake
        if attempts == policy.max_attempts {
            break;
        }
        let next_attempt = Instant::now() + backoff;
        if next_attempt >= deadline {
            return match value {
                Some(value) => Ok(value),
                None => Err(RetryError::DeadlineExceeded { attempts, last }),
            };
        }
        sleep_until(next_attempt).await;
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
    value.ok_or(RetryError::AttemptsExhausted { attempts, last })
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
