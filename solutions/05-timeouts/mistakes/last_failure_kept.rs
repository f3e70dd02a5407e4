//! Mistake: keeping the last *error* the operation returned, and calling it `last`.
//! class: path — a script of only failures or only hangs gives the right `last`; only
//! failures of both kinds, one after the other, show which one was reported.
//!
//! `last_error = Some(e)` on each `Err`, and at the end `Failed(e)` if there was one,
//! `TimedOut` otherwise: the error the operation returned is kept apart from the
//! timeouts. But `last` is the last *attempt's* error, whatever kind it is: after an
//! error and then a timeout, the call gave up on a timeout.
// workshop: whole file: it keeps an error from one turn of the loop to the next.

use std::future::Future;

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
    let mut backoff = crate::first_backoff(policy);
    let mut attempts = 0;
    // ANCHOR: mistake
    let mut last_error = None;
    loop {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(AttemptError::Failed(error)) => last_error = Some(error),
            Err(AttemptError::TimedOut) => {}
        }
        let mut last = || {
            last_error
                .take()
                .map_or(AttemptError::TimedOut, AttemptError::Failed)
        };
        // ANCHOR_END: mistake
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted {
                attempts,
                last: last(),
            });
        }
        if !crate::wait_for_next_attempt(backoff, deadline).await {
            return Err(RetryError::DeadlineExceeded {
                attempts,
                last: last(),
            });
        }
        backoff = crate::next_backoff(backoff, policy);
    }
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
