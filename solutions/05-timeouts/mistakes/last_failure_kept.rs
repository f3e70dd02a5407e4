//! Mistake: keeping the last *error* the operation returned, and calling it `last`.
//! class: path — a script of only failures or only hangs gives the right `last`; only
//! failures of both kinds, one after the other, show which one was reported.
//!
//! `last_error = Some(e)` on each `Err`, and at the end `Failed(e)` if there was one,
//! `TimedOut` otherwise: the error the operation returned is kept apart from the
//! timeouts. But `last` is the last *attempt's* error, whatever kind it is: after an
//! error and then a timeout, the call gave up on a timeout.

use std::future::Future;

use tokio::time::{sleep_until, timeout_at};

use crate::reference::later;

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
    let deadline = later(policy.total);
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    // ANCHOR: mistake
    let mut last_error = None;
    loop {
        attempts += 1;
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, op()).await,
            None => Ok(op().await),
        };
        match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => last_error = Some(error),
            Err(_elapsed) => {}
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
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => {
                return Err(RetryError::DeadlineExceeded {
                    attempts,
                    last: last(),
                });
            }
        };
        sleep_until(next_attempt).await;
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
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
