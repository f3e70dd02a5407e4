//! Mistake: reading a `max_backoff` of 0 as "no cap".
//! class: boundary — every cap above 0 is applied; only a cap of 0 shows it.
//!
//! The Python habit `cap = max_backoff or None` (0 is falsy, so 0 means "unset"), or a
//! config file's "0 = unlimited". But the doc gives 0 no such meaning: `max_backoff` is
//! the longest wait, and a longest wait of 0 is no wait at all. Only a duration too large
//! for the clock means no cap.

use std::future::Future;
use std::time::Duration;

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
    // ANCHOR: mistake
    let cap = if policy.max_backoff.is_zero() {
        Duration::MAX
    } else {
        policy.max_backoff
    };
    // ANCHOR_END: mistake
    let deadline = later(policy.total);
    let mut backoff = policy.first_backoff.min(cap);
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
        backoff = backoff.saturating_mul(2).min(cap);
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
