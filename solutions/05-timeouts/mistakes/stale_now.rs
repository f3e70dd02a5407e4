//! Mistake: taking `now` once per turn and measuring the wait from it.
//! class: fixture — after an instant failure the attempt's start and end coincide; only
//! an attempt that takes time (a timeout) shows that its wait was lost.
//!
//! `let now = Instant::now()` at the top of the loop, for both the attempt's cut-off and
//! the next wake-up: tidy, one clock reading per turn. But the wait must start when the
//! attempt *ends*: after a 300 ms timeout, a wake-up at `now + 100 ms` is already past,
//! and the next attempt starts with no wait at all.
// workshop: whole file: one clock reading at the top of the loop serves two steps of it.

use std::future::Future;

use tokio::time::{Instant, sleep_until};

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
        // ANCHOR: mistake
        let now = Instant::now();
        let ends_at = [deadline, now.checked_add(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = match (now.checked_add(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        };
        // ANCHOR_END: mistake
        sleep_until(next_attempt).await;
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
