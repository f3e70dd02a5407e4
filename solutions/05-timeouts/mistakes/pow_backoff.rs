//! Mistake: computing each wait from the attempt number, `first_backoff × 2ⁿ⁻¹`.
//! class: bad-argument — with five attempts it is right; forty attempts panic in the
//! arithmetic, cap or no cap.
//!
//! Python's `base * 2 ** n`, where integers never overflow. Here `2u32.pow(32)` panics
//! at the 33rd attempt ("attempt to multiply with overflow") before `.min(max_backoff)`
//! is even reached, although every wait would have been capped at a few milliseconds.
//! Doubling the previous wait, saturating, never grows past the cap.
// workshop: whole file: the wait comes from the attempt number, which only the loop has.

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
        let backoff = crate::capped(
            policy.first_backoff * 2u32.pow(attempts - 1),
            policy.max_backoff,
        );
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
