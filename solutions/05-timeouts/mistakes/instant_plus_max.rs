//! Mistake: `Instant::now() + duration` for the deadline, the cut-off and the wake-up.
//! class: bad-argument — every ordinary duration works; `Duration::MAX` (no limit)
//! panics deep in std, "overflow when adding duration to instant".
//!
//! The obvious arithmetic, and the reference solution of this exercise used it for a
//! long time. But a caller who means "no limit" writes `Duration::MAX`, and `Instant +
//! Duration` panics when the sum does not fit the clock. `Instant::checked_add` returns
//! `None` instead, which is exactly "never".

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
    // ANCHOR: mistake
    let deadline = Instant::now() + policy.total;
    // ANCHOR_END: mistake
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let ends_at = deadline.min(Instant::now() + policy.attempt_timeout);
        let outcome = timeout_at(ends_at, op()).await;
        let last = match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = Instant::now() + backoff;
        if next_attempt >= deadline {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
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
