//! Mistake: checking the next wait against the deadline from when the attempt *started*.
//! class: fixture — after an instant failure the attempt starts and ends at the same
//! instant; only an attempt that takes time shows which of the two the check measured from.
//!
//! `started + backoff < deadline`, with `started` taken at the top of the loop for the
//! attempt's cut-off anyway: one clock reading per turn. But the wait runs from when the
//! attempt *ended*: after a 300 ms timeout, the check passes for a wait that will end
//! 300 ms later than it computed, past the deadline, and the next attempt starts with no
//! time left at all. The question is whether the next attempt can start before the
//! deadline, so ask it now, after the attempt.

use std::future::Future;

use tokio::time::{Instant, sleep, timeout_at};

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
        let started = Instant::now();
        let ends_at = [deadline, started.checked_add(policy.attempt_timeout)]
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
        let too_late = match (started.checked_add(backoff), deadline) {
            (Some(next), Some(deadline)) => next >= deadline,
            (Some(_), None) => false,
            (None, _) => true,
        };
        if too_late {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        sleep(backoff).await;
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
