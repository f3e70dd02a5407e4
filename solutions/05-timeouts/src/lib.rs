//! Reference solution for exercise 05: `asyncio.wait_for` in a retry loop, with
//! exponential backoff and one deadline over the whole call.

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

/// Calls `op` until it succeeds, within `policy`'s timeouts, backoff and deadline.
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // The deadline is a point in time, fixed once: every attempt and every wait is
    // measured against it, so their sum can never exceed `total`.
    let deadline = Instant::now() + policy.total;
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // An attempt ends at its own timeout or at the deadline, whichever is first.
        // When it ends by timing out, `timeout_at` drops the attempt's future, which
        // cancels the call at the `.await` it was waiting on: nothing keeps running.
        let ends_at = deadline.min(Instant::now() + policy.attempt_timeout);
        let last = match timeout_at(ends_at, op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // Sleeping until the deadline only to give up would waste the caller's time:
        // if the next attempt could not start before it, give up now.
        let next_attempt = Instant::now() + backoff;
        if next_attempt >= deadline {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        sleep_until(next_attempt).await;
        // `saturating_mul`: doubling a `Duration` past its maximum would panic.
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}
