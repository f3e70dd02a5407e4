//! Another correct way (from the second review): each attempt is a race written by hand
//! in `poll_fn`, the call polled before a `sleep(budget)` timer, with the time left kept
//! as a `Duration` and the waits from `iter::successors`.
//!
//! `sleep(budget)` ends a budget longer than about 30 years at 30 years, which the doc
//! allows; the waits use `sleep_until`, which has no such cap.

use std::future::Future;
use std::time::Duration;

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

use std::pin::pin;
use std::task::Poll;
use tokio::time::{Instant, sleep, sleep_until};

/// Calls `op` until it succeeds, within `policy`'s timeouts, backoff and deadline.
///
/// Style: a hand-written race (poll_fn, attempt polled before its timer), remaining time
/// kept as `Duration`s, the backoff sequence as an iterator.
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    if policy.max_attempts == 0 {
        panic!("call_with_retry: policy.max_attempts is 0, which allows no attempt at all");
    }
    let too_large = |d: Duration| Instant::now().checked_add(d).is_none();
    let started = Instant::now();
    let unlimited_total = too_large(policy.total);
    // Time left before the deadline; None = no deadline.
    let left = || (!unlimited_total).then(|| policy.total.saturating_sub(started.elapsed()));
    let mut waits =
        std::iter::successors(Some(policy.first_backoff.min(policy.max_backoff)), |w| {
            Some(w.saturating_mul(2).min(policy.max_backoff))
        });
    let mut attempt = 1u32;
    loop {
        // This attempt's budget: the smaller of its own timeout and what is left.
        let own = (!too_large(policy.attempt_timeout)).then_some(policy.attempt_timeout);
        let budget = match (own, left()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let result = {
            let mut fut = pin!(op());
            let mut timer = budget.map(|b| Box::pin(sleep(b)));
            std::future::poll_fn(|cx| {
                if let Poll::Ready(r) = fut.as_mut().poll(cx) {
                    return Poll::Ready(r.map_err(AttemptError::Failed));
                }
                match timer.as_mut() {
                    Some(t) => t.as_mut().poll(cx).map(|()| Err(AttemptError::TimedOut)),
                    None => Poll::Pending,
                }
            })
            .await
        }; // the attempt is dropped here, at once
        let last = match result {
            Ok(value) => return Ok(value),
            Err(e) => e,
        };
        if attempt == policy.max_attempts {
            return Err(RetryError::AttemptsExhausted {
                attempts: attempt,
                last,
            });
        }
        let wait = waits.next().expect("successors never ends");
        let fits = !too_large(wait) && left().is_none_or(|l| wait < l);
        if !fits {
            return Err(RetryError::DeadlineExceeded {
                attempts: attempt,
                last,
            });
        }
        sleep_until(Instant::now() + wait).await;
        attempt += 1;
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
