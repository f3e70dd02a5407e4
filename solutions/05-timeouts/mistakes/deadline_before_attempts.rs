//! Mistake: checking the deadline before the attempt count ("the deadline is the hard
//! limit").
//! class: path — only a last allowed attempt that also meets the deadline shows it.
//!
//! Both checks give up, so the order looks like a matter of taste. It is not: the last
//! allowed attempt has been made, and the caller should hear `AttemptsExhausted` (the
//! operation failed every time it was allowed to run), not `DeadlineExceeded` (time ran
//! out for more attempts) because a wait that will never happen would have passed it.
// workshop: whole file: the two checks after an attempt are in the wrong order in the loop.

use std::future::Future;

use tokio::time::sleep_until;

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
    loop {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        // ANCHOR: mistake
        let Some(next_attempt) = crate::next_attempt_at(backoff, deadline) else {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        // ANCHOR_END: mistake
        sleep_until(next_attempt).await;
        backoff = crate::next_backoff(backoff, policy);
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
