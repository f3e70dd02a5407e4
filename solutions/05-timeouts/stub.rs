//! # Exercise 05: timeouts — retry with backoff inside a deadline
//!
//! A remote operation sometimes fails, sometimes hangs. Write [`call_with_retry`], which
//! keeps calling it until it succeeds, within the limits of a [`RetryPolicy`]:
//!
//! 1. **Per-attempt timeout.** No attempt may run longer than `attempt_timeout`. An
//!    attempt that has not finished by then counts as failed ([`AttemptError::TimedOut`])
//!    and is abandoned (dropped).
//! 2. **Exponential backoff.** After a failed attempt, wait before the next one:
//!    `first_backoff` after the first failure, then twice the previous wait each time
//!    (100, 200, 400, 800 ms …), but never longer than `max_backoff`. Waits keep
//!    their full precision: 1.5 ms, then 3 ms (tokio's timer wakes at the next whole
//!    millisecond, which is fine).
//! 3. **At most `max_attempts` calls.** When the last allowed attempt fails, give up at
//!    once (no wait after it) with [`RetryError::AttemptsExhausted`].
//! 4. **A total deadline.** The whole call, attempts and waits together, ends at the
//!    latest `total` after `call_with_retry` was called. An attempt that starts near
//!    the deadline gets only the time that is left, less than `attempt_timeout`.
//!    After a failed attempt that was not the last allowed one: if the wait (which
//!    starts when that attempt ended) would end at or after the deadline, no time is
//!    left for another attempt, so return [`RetryError::DeadlineExceeded`] at once
//!    (don't sleep just to give up).
//! 5. **Stop at the first success** and return that attempt's value: no call after it.
//!
//! Both errors carry how many attempts were made and the last attempt's error: the
//! error of the attempt made last, whichever kind it is (`TimedOut` or `Failed`).
//! The first attempt starts at once, when the returned future is first polled (for
//! `call_with_retry(..).await`, that is the call itself).
//!
//! Also part of the task:
//! - An attempt has until its *cut-off*: the earlier of `attempt_timeout` after it
//!   started and the deadline. An answer ready at the cut-off itself counts (poll the
//!   attempt before its timer, as `timeout` and `timeout_at` do). A timed-out attempt
//!   is dropped at its cut-off, at once: not kept alive through the wait after it.
//! - Call `op` only to start an attempt that will run, and only when it starts (after
//!   the wait before it, not sooner): each call is an attempt (an operation may start
//!   its work when called), so never more calls than attempts, and none made early.
//! - The count comes first: when the last allowed attempt fails, that is
//!   `AttemptsExhausted`, even if the deadline cut it short or the next wait would have
//!   passed the deadline.
//! - Rule 2 holds for any number of attempts: compute each wait from the one before, so
//!   that nothing overflows however many attempts there are.
//! - Let timers wake the call, and nothing else: it is woken only when something is due
//!   (an attempt's answer, its cut-off, the end of a wait), not every few milliseconds
//!   to look at the clock, which wakes it for nothing and finds a cut-off late.
//!
//! Limits out of the ordinary (each one is tested):
//! - `max_attempts` 0 allows no call at all, which is the caller's bug: panic at once,
//!   before calling `op`, with a message that names `max_attempts`. Any other count is
//!   fine, `u32::MAX` included: count without overflowing.
//! - `total` 0: the first attempt still starts, with no time; it succeeds only if it
//!   answers on its first poll, and otherwise the call gives up (`DeadlineExceeded`,
//!   or `AttemptsExhausted` if it was the only attempt allowed).
//!   `attempt_timeout` 0 likewise leaves each attempt only its first poll.
//! - `first_backoff` or `max_backoff` 0: the attempts follow each other with no wait
//!   (a `max_backoff` of 0 is a cap like any other, not "no cap"). A wait of 0 still
//!   meets rule 4: it ends at once, and if that is at or after the deadline, give up.
//! - A duration too large for the clock (`Duration::MAX`, or any other that
//!   `Instant::checked_add` refuses, 2⁶³ seconds say) means *no limit*: no timeout for
//!   `attempt_timeout`, no deadline for `total`, no cap for `max_backoff`, each for its
//!   own field only (an attempt with no timeout is still cut at the deadline, and one
//!   with no deadline still times out). A wait that long would never end, so it ends
//!   after any deadline: give up at once with `DeadlineExceeded`. Never panic on the
//!   arithmetic (`Instant + Duration::MAX` does, and so does doubling past it).
//! - Any duration the clock can hold is a real limit or a real wait, however long (31
//!   years, 1000 years): only `checked_add` decides what is too large, not a threshold,
//!   and "no limit" stays none, not a far-off stand-in. (`tokio::time::sleep` ends a
//!   sleep longer than about 30 years after those 30 years; that is allowed.)
//!
//! Hint: `tokio::time` has everything: `timeout` or `timeout_at` for one attempt,
//! `Instant` for the deadline, `sleep` or `sleep_until` for the wait. Run
//! `cargo workshop hint 05` for more.
//!
//! Check your work with `cargo workshop check 05` (or `cargo test -p timeouts-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

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

/// Calls `op` until it succeeds, within `policy`'s timeouts, backoff and deadline.
///
/// # Panics
///
/// At once, before calling `op`, if `policy.max_attempts` is 0.
pub async fn call_with_retry<F, Fut, T, E>(policy: &RetryPolicy, op: F) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    todo!("call_with_retry: time out each attempt, back off exponentially, stop at the deadline")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as timeouts;
#[path = "../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
