//! Mistake: awaiting each attempt with no timeout.
//! class: path — every attempt that answers or fails passes; only a hang shows it.
//!
//! Backoff, attempt count and deadline are all handled, but only *between* attempts:
//! `op().await` itself is trusted to return. It is tempting because in testing the
//! operation always answers, quickly or with an error; the day it hangs (a lost
//! packet, a server that accepts and never replies), the whole call hangs with it.

use std::future::Future;

use tokio::time::sleep_until;

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
    let mut attempts = 0;
    loop {
        attempts += 1;
        let last = match attempt(op()).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let next_attempt = match (later(backoff), deadline) {
            (Some(next), Some(deadline)) if next < deadline => next,
            (Some(next), None) => next,
            _ => return Err(RetryError::DeadlineExceeded { attempts, last }),
        };
        sleep_until(next_attempt).await;
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

// ANCHOR: mistake
/// One attempt: make the call and wait for its answer.
async fn attempt<T, E>(call: impl Future<Output = Result<T, E>>) -> Result<T, AttemptError<E>> {
    // Nothing bounds this `.await`: if the call never answers, neither does the attempt,
    // and the loop above never gets to its backoff, its deadline or its next attempt.
    call.await.map_err(AttemptError::Failed)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
