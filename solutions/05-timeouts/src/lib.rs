//! Reference solution for exercise 05: `asyncio.wait_for` in a retry loop, with
//! exponential backoff and one deadline over the whole call.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

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
///
/// # Panics
///
/// At once, before calling `op`, if `policy.max_attempts` is 0.
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // A policy that allows no call is the caller's bug: say so now, rather than make a
    // call it forbade or invent an error no attempt returned.
    assert!(
        policy.max_attempts >= 1,
        "call_with_retry: max_attempts is 0, so not even one call is allowed; it counts \
         every call, the first one included, and must be at least 1"
    );
    // The deadline is a point in time, fixed once: every attempt and every wait is
    // measured against it, so their sum can never exceed `total`. `None` is "never":
    // a duration too large for the clock is no limit at all.
    let deadline = later(policy.total);
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // An attempt ends at its own timeout or at the deadline, whichever is first.
        // When it ends by timing out, `timeout_at` drops the attempt's future, which
        // cancels the call at the `.await` it was waiting on: nothing keeps running.
        // `timeout_at` polls the attempt before its timer, so an answer that is ready
        // at the cut-off itself still counts.
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
        // The count comes first: the last allowed attempt has been made, whatever ended it.
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // Sleeping until the deadline only to give up would waste the caller's time:
        // if the next attempt could not start before it, give up now. A wait too long
        // for the clock never ends, so it ends after any deadline.
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        };
        sleep_until(next_attempt).await;
        // `saturating_mul`: doubling a `Duration` past its maximum would panic.
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

/// `duration` from now, or `None` (never) if that is beyond what the clock can hold
/// (`Duration::MAX`, say): `Instant + Duration` would panic there.
pub(crate) fn later(duration: Duration) -> Option<Instant> {
    Instant::now().checked_add(duration)
}
