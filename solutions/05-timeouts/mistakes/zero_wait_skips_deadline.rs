//! Mistake: skipping the deadline check when the wait is 0.
//! class: boundary — every wait above 0 is checked; only a wait of 0 that ends at the
//! deadline itself shows it.
//!
//! "Nothing to wait for: go straight on." But the check is not about the sleep, it is
//! about the next attempt: a wait of 0 ends at once, and at the deadline that leaves
//! the next attempt no time. Skipping the check starts it anyway, cut at once, and the
//! call ends with `AttemptsExhausted` after an attempt that had no chance.

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
        // ANCHOR: mistake
        if !backoff.is_zero() {
            // Nothing to wait for: go straight on to the next attempt.
            let next_attempt = match (later(backoff), deadline) {
                (Some(next), Some(deadline)) if next < deadline => next,
                (Some(next), None) => next,
                _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
            };
            sleep_until(next_attempt).await;
        }
        // ANCHOR_END: mistake
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
