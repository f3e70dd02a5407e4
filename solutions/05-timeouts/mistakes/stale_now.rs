//! Mistake: taking `now` once per turn and measuring the wait from it.
//! class: fixture — after an instant failure the attempt's start and end coincide; only
//! an attempt that takes time (a timeout) shows that its wait was lost.
//!
//! `let now = Instant::now()` at the top of the loop, for both the attempt's cut-off and
//! the next wake-up: tidy, one clock reading per turn. But the wait must start when the
//! attempt *ends*: after a 300 ms timeout, a wake-up at `now + 100 ms` is already past,
//! and the next attempt starts with no wait at all.

use std::future::Future;

use tokio::time::{Instant, sleep_until, timeout_at};

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
    let deadline = Instant::now().checked_add(policy.total);
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // ANCHOR: mistake
        let now = Instant::now();
        let ends_at = [deadline, now.checked_add(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
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
        let next_attempt = match (now.checked_add(backoff), deadline) {
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
