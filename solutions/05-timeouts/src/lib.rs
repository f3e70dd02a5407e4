//! Reference solution for exercise 05: `asyncio.wait_for` in a retry loop, with
//! exponential backoff and one deadline over the whole call.
//!
//! The loop in [`call_with_retry`] is the whole story; each decision in it is a small
//! function below (when an attempt ends, when the next one starts, how long the next
//! wait is), called by its path from the crate root (`crate::attempt_ends_at(…)`,
//! `crate::waits(…)`). Each file in `mistakes/` includes this one as a module,
//! beside its own version of one decision; the path then leads to that version, and
//! everything else stays as it is here.

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
    crate::check_policy(policy);
    let deadline = crate::deadline(policy.total);
    let mut next_wait = crate::waits(*policy);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // `op()` is called here, where the attempt starts: the call may start the work.
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        // The count comes first: the last allowed attempt has been made, whatever ended it.
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        if !crate::wait_for_next_attempt(next_wait(), deadline).await {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
    }
}

/// A policy that allows no call is the caller's bug: say so now, rather than make a call
/// it forbade or invent an error no attempt returned.
pub(crate) fn check_policy(policy: &RetryPolicy) {
    assert!(
        policy.max_attempts >= 1,
        "call_with_retry: max_attempts is 0, so not even one call is allowed; it counts \
         every call, the first one included, and must be at least 1"
    );
}

/// When the whole call must end, fixed once: every attempt and every wait is measured
/// against it, so their sum never exceeds `total`. `None`: no deadline.
pub(crate) fn deadline(total: Duration) -> Option<Instant> {
    crate::later(total)
}

/// When an attempt starting now ends: at its own timeout or at the deadline, whichever is
/// first, each only if it exists (`None`: never).
pub(crate) fn attempt_ends_at(
    deadline: Option<Instant>,
    attempt_timeout: Duration,
) -> Option<Instant> {
    [deadline, crate::later(attempt_timeout)]
        .into_iter()
        .flatten()
        .min()
}

/// Runs one attempt until `ends_at`. `timeout_at` polls the call before its timer, so an
/// answer ready at the cut-off itself counts; when the timer wins it drops the call, which
/// cancels it at the `.await` it was waiting on: nothing keeps running.
pub(crate) async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    match ends_at {
        Some(ends_at) => match timeout_at(ends_at, call).await {
            Ok(result) => result.map_err(AttemptError::Failed),
            Err(_elapsed) => Err(AttemptError::TimedOut),
        },
        None => call.await.map_err(AttemptError::Failed),
    }
}

/// Sleeps `backoff`, or returns `false` at once if the next attempt could not start before
/// the deadline: sleeping until the deadline only to give up would waste the caller's time.
pub(crate) async fn wait_for_next_attempt(backoff: Duration, deadline: Option<Instant>) -> bool {
    let Some(next_attempt) = crate::next_attempt_at(backoff, deadline) else {
        return false;
    };
    sleep_until(next_attempt).await;
    true
}

/// When the next attempt starts, `backoff` from now, if that is before the deadline. A wait
/// too long for the clock never ends, so it ends after any deadline.
pub(crate) fn next_attempt_at(backoff: Duration, deadline: Option<Instant>) -> Option<Instant> {
    match (crate::later(backoff), deadline) {
        (Some(next), Some(deadline)) if next < deadline => Some(next),
        (Some(next), None) => Some(next),
        _ => None,
    }
}

/// The waits between attempts, one per call, in order: the first capped, each later one
/// twice the one before, capped. The loop asks for one after each failure that leaves an
/// attempt to make; the schedule keeps what it needs (here the wait before) to give the
/// next.
pub(crate) fn waits(policy: RetryPolicy) -> impl FnMut() -> Duration {
    let mut next = crate::first_backoff(&policy);
    move || {
        let wait = next;
        next = crate::next_backoff(wait, &policy);
        wait
    }
}

/// The wait after the first failure, capped like every other.
pub(crate) fn first_backoff(policy: &RetryPolicy) -> Duration {
    crate::capped(policy.first_backoff, policy.max_backoff)
}

/// The wait after `backoff`: twice as long, capped. `saturating_mul`, because doubling a
/// `Duration` past its maximum would panic.
pub(crate) fn next_backoff(backoff: Duration, policy: &RetryPolicy) -> Duration {
    crate::capped(backoff.saturating_mul(2), policy.max_backoff)
}

/// No wait is longer than `max_backoff`, 0 included (no waits); a cap too large for the
/// clock caps nothing the clock could wait.
pub(crate) fn capped(wait: Duration, max_backoff: Duration) -> Duration {
    wait.min(max_backoff)
}

/// `duration` from now, or `None` (never) if that is beyond what the clock can hold
/// (`Duration::MAX`, say): `Instant + Duration` would panic there.
pub(crate) fn later(duration: Duration) -> Option<Instant> {
    Instant::now().checked_add(duration)
}
