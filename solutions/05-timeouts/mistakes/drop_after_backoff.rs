//! Mistake: racing the attempt by `&mut`, so that a timed-out attempt lives on through
//! the wait.
//! class: cancellation — the timeout is reported on time; only when the attempt is
//! dropped shows that it was kept alive until the next one started.
//!
//! `let mut attempt = pin!(op())` and `timeout_at(cut, &mut attempt)` is the pattern for
//! a call that must survive its timer (progress reports, say). Here it keeps the hung
//! attempt (its connection, its buffers, whatever it holds) alive for the whole wait,
//! until the variable goes out of scope at the end of the loop body.
// workshop: whole file: the attempt lives in a variable of the loop body, past the wait.

use std::future::Future;
use std::pin::pin;

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
        // ANCHOR: mistake
        let mut call = pin!(op());
        let last = match crate::attempt(ends_at, &mut call).await {
            // ANCHOR_END: mistake
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
        // `call`, timed out long ago, is dropped only here.
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
