//! Mistake: taking `Duration::MAX`, and only it, for "no limit".
//! class: bad-argument — `Duration::MAX` and every ordinary duration work; only another
//! duration too large for the clock panics, "overflow when adding duration to instant".
//!
//! `if d == Duration::MAX { None } else { Some(Instant::now() + d) }`: the one value
//! a caller writes for "no limit", special-cased, and plain `+` for the rest. But the
//! clock ends long before `Duration::MAX`: 2⁶³ seconds (or a year more than the clock
//! has left) is just as far past its end, and `+` panics there too. Ask the clock itself:
//! `Instant::checked_add` is `None` for every duration it cannot hold.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

// ANCHOR: mistake
fn later(duration: Duration) -> Option<Instant> {
    if duration == Duration::MAX {
        None
    } else {
        Some(Instant::now() + duration)
    }
}
// ANCHOR_END: mistake

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
