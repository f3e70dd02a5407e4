//! Mistake: calling `op()` at the top of each turn, then deciding whether it may run.
//! class: other-side — the attempts that run are right; only the number of calls `op`
//! received shows the one made when giving up.
//!
//! `while True: fut = op()` and then the checks: when the call gives up, one future was
//! made by `op()` and dropped unpolled. With an operation that starts its work when
//! called (a spawned task, a request sent at once) that is one request more than
//! `max_attempts`, made after the caller was told it had failed.
// workshop: whole file: it calls `op()` at the top of each turn of the loop, before the checks.

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
    let mut attempts = 0;
    let mut failed = None;
    loop {
        // ANCHOR: mistake
        let call = op();
        if let Some(last) = failed.take() {
            if attempts >= policy.max_attempts {
                return Err(RetryError::AttemptsExhausted { attempts, last });
            }
            if !crate::wait_for_next_attempt(backoff, deadline).await {
                return Err(RetryError::DeadlineExceeded { attempts, last });
            }
            backoff = crate::next_backoff(backoff, policy);
        }
        // ANCHOR_END: mistake
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        match crate::attempt(ends_at, call).await {
            Ok(value) => return Ok(value),
            Err(last) => failed = Some(last),
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
