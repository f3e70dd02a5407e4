//! Mistake: keeping the waits in whole milliseconds.
//! class: fixture — every wait in the other tests is a whole number of milliseconds, where
//! milliseconds and `Duration`s agree; only a fraction of one shows it.
//!
//! `time.monotonic() * 1000` habits: the waits as a `u64` of milliseconds, doubled and
//! capped as integers. A `first_backoff` of 1.5ms becomes 1ms, then 2ms, 4ms: every wait
//! shorter than the caller asked. Keep the `Duration` and double that.

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
    let deadline = later(policy.total);
    // ANCHOR: mistake
    // Whole milliseconds, like `time.monotonic() * 1000` in Python.
    let to_ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    let from_ms = |ms: u64| match ms {
        u64::MAX => Duration::MAX,
        ms => Duration::from_millis(ms),
    };
    let max_ms = to_ms(policy.max_backoff);
    let mut backoff_ms = to_ms(policy.first_backoff).min(max_ms);
    // ANCHOR_END: mistake
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
        let next_attempt = match (later(from_ms(backoff_ms)), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        };
        sleep_until(next_attempt).await;
        backoff_ms = backoff_ms.saturating_mul(2).min(max_ms);
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
