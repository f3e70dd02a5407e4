//! Mistake: calling `op()` at the top of each turn, then deciding whether it may run.
//! class: other-side — the attempts that run are right; only the number of calls `op`
//! received shows the one made when giving up.
//!
//! `while True: fut = op()` and then the checks: when the call gives up, one future was
//! made by `op()` and dropped unpolled. With an operation that starts its work when
//! called (a spawned task, a request sent at once) that is one request more than
//! `max_attempts`, made after the caller was told it had failed.

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
    let mut failed = None;
    loop {
        // ANCHOR: mistake
        let attempt = op();
        if let Some(last) = failed.take() {
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
        // ANCHOR_END: mistake
        attempts += 1;
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, attempt).await,
            None => Ok(attempt.await),
        };
        failed = Some(match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        });
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
