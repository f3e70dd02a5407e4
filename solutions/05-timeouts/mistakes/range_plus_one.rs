//! Mistake: counting the attempts with `1..max_attempts + 1`.
//! class: bad-argument — every count works but the largest: `max_attempts` `u32::MAX`.
//!
//! Python's `for attempt in range(1, max_attempts + 1)`, word for word. In Rust the `+ 1`
//! is u32 arithmetic, and `u32::MAX + 1` overflows: a panic ("attempt to add with
//! overflow") before the first call, for a count the doc allows. `1..=max_attempts`
//! says the same without leaving the type.

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
    // ANCHOR: mistake
    for attempts in 1..policy.max_attempts + 1 {
        // ANCHOR_END: mistake
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
    unreachable!("the last allowed attempt returns from inside the loop")
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
