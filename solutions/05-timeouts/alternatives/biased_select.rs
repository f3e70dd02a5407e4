//! Another correct way: each attempt is a hand-written race, `select!` with `biased;`
//! and the attempt's branch first, against a timer that never fires when there is no
//! limit.
//!
//! This is what `timeout_at` does inside: poll the call, then the timer, so that an
//! answer ready at the cut-off wins (an unbiased `select!` would toss a coin there).
//! The pinned call lives in a block that ends with the race, so a timed-out attempt is
//! dropped at its cut-off. A duration past the end of the clock is `None`: no cut-off
//! (the timer is `pending()`), no deadline, or no wake-up at all for a wait, which then
//! ends after any deadline. Not a far-off instant in its place: a caller may wait
//! longer than any stand-in for "never".

use std::future::{Future, pending};
use std::pin::pin;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

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
    // `None`: no deadline.
    let deadline = Instant::now().checked_add(policy.total);
    let mut wait = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let cut = match (Instant::now().checked_add(policy.attempt_timeout), deadline) {
            (Some(own), Some(deadline)) => Some(own.min(deadline)),
            (own, deadline) => own.or(deadline),
        };
        // ANCHOR: race
        let outcome = {
            let mut call = pin!(op());
            tokio::select! {
                biased;
                result = &mut call => result.map_err(AttemptError::Failed),
                () = until(cut) => Err(AttemptError::TimedOut),
            }
        };
        // ANCHOR_END: race
        let last = match outcome {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        match Instant::now().checked_add(wait) {
            Some(wake) if deadline.is_none_or(|deadline| wake < deadline) => {
                sleep_until(wake).await;
            }
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        }
        wait = wait.saturating_mul(2).min(policy.max_backoff);
    }
}

/// Sleeps until `at`, or forever if there is no `at`.
async fn until(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => pending().await,
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
