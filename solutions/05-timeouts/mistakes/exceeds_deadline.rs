//! Mistake: no total deadline, only a per-attempt timeout and a number of attempts.
//! class: fixture — with few, short attempts the deadline is never reached; a script of
//! hangs against a 1 s budget shows it.
//!
//! Each piece is bounded, so the whole looks bounded too; but five attempts of 300 ms
//! with waits of 100 to 800 ms in between add up to 3 s, and the caller's budget was
//! 1 s. A deadline is a property of the whole call: it has to be checked before every
//! wait and it has to shorten the last attempt.

use std::future::Future;

use tokio::time::{sleep, timeout};

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
    let mut backoff = policy.first_backoff.min(policy.max_backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        // ANCHOR: mistake
        let last = match timeout(policy.attempt_timeout, op()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => AttemptError::Failed(error),
            Err(_elapsed) => AttemptError::TimedOut,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // `policy.total` is never looked at: the retries go on as long as attempts last.
        sleep(backoff).await;
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
