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
// workshop: whole file: one clock reading at the top of the loop serves a check made after the attempt.

use std::future::Future;

use tokio::time::{Instant, sleep};

pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    crate::check_policy(policy);
    let deadline = crate::deadline(policy.total);
    let mut backoff = crate::first_backoff(policy);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let started = Instant::now();
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
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
        backoff = crate::next_backoff(backoff, policy);
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
