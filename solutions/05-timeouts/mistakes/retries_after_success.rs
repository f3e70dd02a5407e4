//! Mistake: a success is remembered, but the loop goes on.
//! class: path — a success on the last allowed attempt looks right; a success earlier
//! shows the calls after it.
//!
//! The Rust cousin of a Python retry loop that forgot its `break`: the value is
//! stored, the loop keeps waiting and calling until the attempts run out, and the
//! caller gets the *last* success, late, after calls it never asked for (which a
//! non-idempotent operation, such as a payment, must never see).

use std::future::Future;

use tokio::time::{sleep_until, timeout_at};

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
    let mut value = None;
    let mut last = AttemptError::TimedOut;
    let mut attempts = 0;
    while attempts < policy.max_attempts {
        attempts += 1;
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, op()).await,
            None => Ok(op().await),
        };
        // ANCHOR: mistake
        match outcome {
            Ok(Ok(success)) => value = Some(success), // no `return`: the loop goes on
            Ok(Err(error)) => last = AttemptError::Failed(error),
            Err(_elapsed) => last = AttemptError::TimedOut,
        }
        // ANCHOR_END: mistake
        if attempts == policy.max_attempts {
            break;
        }
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => {
                return match value {
                    Some(value) => Ok(value),
                    None => Err(RetryError::DeadlineExceeded { attempts, last }),
                };
            }
        };
        sleep_until(next_attempt).await;
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
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
