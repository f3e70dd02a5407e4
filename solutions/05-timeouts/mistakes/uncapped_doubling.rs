//! Mistake: doubling the wait before the cap, and keeping the uncapped one to double next.
//! class: bad-argument — the waits are right as long as the uncapped wait fits a
//! `Duration`; a hundred attempts (or a first_backoff too large for the clock) panic.
//! (From the reviewer's attack in round 6, where it passed.)
//!
//! `raw = raw * 2; wait = raw.min(max_backoff)`: the cap is applied to the wait that is
//! slept, but the wait that is doubled never meets it. It grows without end, and
//! `Duration * 2` panics once it passes `Duration::MAX`: after some 75 doublings of 1ms,
//! or at the first doubling of a `Duration::MAX`. Double the capped wait, with
//! `saturating_mul`, and nothing grows past the cap.
// workshop: whole file: the uncapped wait is state of the loop, which only the loop has.

use std::future::Future;

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
    // ANCHOR: mistake
    let mut raw = policy.first_backoff;
    let mut backoff = crate::capped(raw, policy.max_backoff);
    // ANCHOR_END: mistake
    let mut attempts = 0;
    loop {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // ANCHOR: mistake
        if attempts > 1 {
            raw = raw * 2;
            backoff = crate::capped(raw, policy.max_backoff);
        }
        // ANCHOR_END: mistake
        if !crate::wait_for_next_attempt(backoff, deadline).await {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
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
