//! Mistake: turning "no deadline" into a deadline 30 years away.
//! class: bad-argument — every finite deadline is right, and a `total` too large for the
//! clock still cuts nothing the tests can see in 30 years; only a longer wait shows it.
//!
//! `checked_add(total).unwrap_or(now + 30 years)`: tokio's own trick (its `sleep` stops at
//! about 30 years), so that the deadline is always an `Instant` and no `Option` is needed.
//! But a stand-in for "never" is still a deadline: a caller's 31-year wait with no
//! deadline at all ends after it, so the call gives up at once on a wait it could make.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

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
    // ANCHOR: mistake
    let far_future = Duration::from_secs(30 * 365 * 24 * 3600);
    let deadline = Some(later(policy.total).unwrap_or_else(|| Instant::now() + far_future));
    // ANCHOR_END: mistake
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
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
