//! Mistake: racing the attempt by `&mut`, so that a timed-out attempt lives on through
//! the wait.
//! class: cancellation — the timeout is reported on time; only when the attempt is
//! dropped shows that it was kept alive until the next one started.
//!
//! `let mut attempt = pin!(op())` and `timeout_at(cut, &mut attempt)` is the pattern for
//! a call that must survive its timer (progress reports, say). Here it keeps the hung
//! attempt (its connection, its buffers, whatever it holds) alive for the whole wait,
//! until the variable goes out of scope at the end of the loop body.

use std::future::Future;
use std::pin::pin;

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
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let mut attempt = pin!(op());
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, &mut attempt).await,
            None => Ok((&mut attempt).await),
        };
        // ANCHOR_END: mistake
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
