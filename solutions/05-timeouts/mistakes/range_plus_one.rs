//! Mistake: counting the attempts with `1..max_attempts + 1`.
//! class: bad-argument — every count works but the largest: `max_attempts` `u32::MAX`.
//!
//! Python's `for attempt in range(1, max_attempts + 1)`, word for word. In Rust the `+ 1`
//! is u32 arithmetic, and `u32::MAX + 1` overflows: a panic ("attempt to add with
//! overflow") before the first call, for a count the doc allows. `1..=max_attempts`
//! says the same without leaving the type.
// workshop: whole file: the count is the loop's own, a `for` over a range.

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
    let mut backoff = crate::first_backoff(policy);
    // ANCHOR: mistake
    for attempts in 1..policy.max_attempts + 1 {
        // ANCHOR_END: mistake
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        if !crate::wait_for_next_attempt(backoff, deadline).await {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        backoff = crate::next_backoff(backoff, policy);
    }
    unreachable!("the last allowed attempt returns from inside the loop")
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
