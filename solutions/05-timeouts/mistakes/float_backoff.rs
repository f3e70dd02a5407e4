//! Mistake: computing each wait in floating point, `first_backoff × 2.0ⁿ⁻¹`.
//! class: bad-argument — right for the first waits; a hundred attempts panic, and long
//! waits with no cap come out a millisecond off. (From the reviewer's attack in round
//! 6, where it passed.)
//!
//! Python's `base * 2 ** n` with floats, as `first_backoff.mul_f64(2f64.powi(n))`. An
//! `f64` holds any power of two, so nothing seems to overflow; but `mul_f64` turns the
//! product back into a `Duration`, and panics once it is too large for one (2⁹⁹ms is),
//! cap or no cap. And 53 bits of mantissa do not hold every nanosecond of a wait of
//! years: the waits drift. Double the previous `Duration`, saturating, and cap it.
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
            policy.first_backoff.mul_f64(2f64.powi(attempts as i32 - 1)),
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
