//! Another correct way: durations instead of instants, and a `for` loop over the
//! attempt numbers zipped with the waits (`iter::successors` doubles and caps each).
//!
//! `timeout(d, ..)` and `sleep(d)` measure from now, so the deadline becomes "the time
//! left", `total` less the time elapsed, saturating at zero. Each attempt gets the
//! smaller of its timeout and the time left; a wait of at least the time left means
//! giving up. Saturating arithmetic makes `Duration::MAX` harmless: tokio's `timeout`
//! and `sleep` treat a duration past the end of the clock as "never" themselves. Only a
//! wait needs care: one too large for the clock never ends, so it counts as
//! `Duration::MAX`, which is at least any time left, even with no deadline.

use std::future::Future;
use std::iter;
use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};

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
    let start = Instant::now();
    let left = || policy.total.saturating_sub(start.elapsed());
    // ANCHOR: successors
    let waits = iter::successors(Some(policy.first_backoff.min(policy.max_backoff)), |w| {
        Some(w.saturating_mul(2).min(policy.max_backoff))
    });
    for (attempts, wait) in (1..=policy.max_attempts).zip(waits) {
        // ANCHOR_END: successors
        let last = match timeout(policy.attempt_timeout.min(left()), op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts == policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // A wait the clock cannot hold never ends: it ends after any deadline.
        let endless = Instant::now().checked_add(wait).is_none();
        if endless || wait >= left() {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        sleep(wait).await;
    }
    unreachable!("the last allowed attempt returns from inside the loop")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
