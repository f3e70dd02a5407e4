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
//!    (100, 200, 400, 800 ms …), but never longer than `max_backoff`.
//! 3. **At most `max_attempts` calls.** When the last allowed attempt fails, give up at
//!    once (no wait after it) with [`RetryError::AttemptsExhausted`].
//! 4. **A total deadline.** The whole call, attempts and waits together, ends at the
//!    latest `total` after `call_with_retry` was called. An attempt that starts near
//!    the deadline gets only the time that is left, less than `attempt_timeout`.
//!    After a failed attempt that was not the last allowed one: if the wait would end
//!    at or after the deadline, no time is left for another attempt, so return
//!    [`RetryError::DeadlineExceeded`] at once (don't sleep just to give up).
//! 5. **Stop at the first success** and return that attempt's value: no call after it.
//!
//! Both errors carry how many attempts were made and the last attempt's error.
//! The first attempt starts at once; `max_attempts` is at least 1.
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
