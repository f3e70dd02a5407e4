//! Mistake: counting every duration over 30 years as "no limit".
//! class: boundary — `Duration::MAX`, 2⁶³ seconds and every ordinary duration work; only
//! a long duration the clock can still hold (31 years, say) shows it.
//!
//! `if d > FOREVER { None } else { Some(now + d) }`, with FOREVER 30 years (tokio's own
//! cap for `sleep`): it never panics, and every test with `Duration::MAX` or 2⁶³ seconds
//! passes. But the doc says what too large is: what `Instant::checked_add` refuses. A
//! 31-year wait the clock can hold is then "a wait that never ends", and the call gives
//! up at once, though the caller asked it to wait and there is time.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

// ANCHOR: mistake
/// Longer than anyone waits: taken for "never".
const FOREVER: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

fn later(duration: Duration) -> Option<Instant> {
    if duration > FOREVER {
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
