//! Mistake: a success is remembered, but the loop goes on.
//! class: path — a success on the last allowed attempt looks right; a success earlier
//! shows the calls after it.
//!
//! The Rust cousin of a Python retry loop that forgot its `break`: the value is
//! stored, the loop keeps waiting and calling until the attempts run out, and the
//! caller gets the *last* success, late, after calls it never asked for (which a
//! non-idempotent operation, such as a payment, must never see).
// workshop: whole file: the loop goes on after a success.

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
    let mut value = None;
    let mut last = AttemptError::TimedOut;
    let mut attempts = 0;
    while attempts < policy.max_attempts {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        // ANCHOR: mistake
        match crate::attempt(ends_at, op()).await {
            Ok(success) => value = Some(success), // no `return`: the loop goes on
            Err(error) => last = error,
        }
        // ANCHOR_END: mistake
        if attempts == policy.max_attempts {
            break;
        }
        if !crate::wait_for_next_attempt(backoff, deadline).await {
            return match value {
                Some(value) => Ok(value),
                None => Err(RetryError::DeadlineExceeded { attempts, last }),
            };
        }
        backoff = crate::next_backoff(backoff, policy);
    }
    value.ok_or(RetryError::AttemptsExhausted { attempts, last })
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
