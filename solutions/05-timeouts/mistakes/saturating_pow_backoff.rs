//! Mistake: computing each wait as `first_backoff × 2ⁿ⁻¹`, with a `2ⁿ` that saturates.
//! class: boundary — right for every wait up to the 32nd; only more than 32 waits with
//! no cap show that the doubling stops. (From the reviewer's attack in round 6, where it
//! passed.)
//!
//! The fix for `pow_backoff`'s overflow that the compiler's docs suggest:
//! `2u32.saturating_pow(n)` no longer panics. But it stops at `u32::MAX`, so from the
//! 33rd wait on every wait is `first_backoff × (2³² − 1)`: the waits stop growing where
//! only `max_backoff` may stop them. Doubling the previous wait, saturating, needs no
//! exponent at all.
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
            policy.first_backoff * 2u32.saturating_pow(attempts - 1),
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
