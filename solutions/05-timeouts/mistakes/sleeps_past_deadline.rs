//! Mistake: sleeping first and checking the deadline after.
//! class: path — the retries do stop; only a wait longer than the time left shows that
//! the caller was kept waiting past its deadline.
//!
//! The retries do stop at the deadline, so this looks right in a log. But when the
//! next wait is longer than the time left, it sleeps the whole wait and only then
//! notices that no attempt can start: the caller waits past its own deadline for an
//! answer that was already known to be "no".

use std::future::Future;

use tokio::time::{Instant, sleep_until, timeout_at};

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
        let ends_at = [deadline, later(policy.attempt_timeout)]
            .into_iter()
            .flatten()
            .min();
        let outcome = match ends_at {
            Some(ends_at) => timeout_at(ends_at, op()).await,
            None => Ok(op().await),
        };
        let last = match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // ANCHOR: mistake
        match later(backoff) {
            Some(next_attempt) => sleep_until(next_attempt).await,
            None => return Err(RetryError::DeadlineExceeded { attempts, last }),
        }
        if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        }
        // ANCHOR_END: mistake
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
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
