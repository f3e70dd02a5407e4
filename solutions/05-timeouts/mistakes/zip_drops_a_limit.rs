//! Mistake: the cut-off as `deadline.zip(timeout)`, which is `None` when either is.
//! class: bad-argument — with both limits finite, or both "no limit", it is right; only
//! one unlimited field beside a finite one shows that the finite one was dropped too.
//!
//! `Option::zip` reads well: both instants, then the earlier of the two. But `zip` is
//! `None` as soon as one side is, so an `attempt_timeout` of `Duration::MAX` (no timeout)
//! also removes the deadline from the attempt, and a `total` of `Duration::MAX` (no
//! deadline) also removes its timeout: a hanging attempt then runs for ever. No limit on
//! one field is no limit on that field only: the cut-off is the earlier of the limits
//! that exist.

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
    loop {
        attempts += 1;
        // ANCHOR: mistake
        let ends_at = deadline
            .zip(later(policy.attempt_timeout))
            .map(|(deadline, timeout)| deadline.min(timeout));
        // ANCHOR_END: mistake
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, op()).await,
            None => Ok(op().await),
        };
        let last = match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
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
