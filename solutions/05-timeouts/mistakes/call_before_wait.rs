//! Mistake: calling `op()` for the next attempt before the wait, and awaiting it after.
//! class: other-side — each attempt is polled at the right time and runs its right
//! length; only the operation sees that it was called a whole wait before that.
//!
//! In Python this is harmless: `coro = op()` builds a coroutine and nothing runs until it
//! is awaited, so preparing the next call while sleeping changes nothing. A Rust future is
//! lazy too, but `op` is a closure, and a closure runs when it is called: an operation
//! that sends its request when called (and then returns a future that waits for the
//! answer) sends it a whole backoff early, straight after the failure the wait was meant
//! to space it from. Call `op()` where the attempt starts.
// workshop: whole file: it calls `op()` for the next attempt in the loop, before the wait, not where the attempt starts.

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
    // ANCHOR: mistake
    let mut call = op();
    loop {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, call).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last });
        }
        let Some(next_attempt) = crate::next_attempt_at(backoff, deadline) else {
            return Err(RetryError::DeadlineExceeded { attempts, last });
        };
        // The next call, made ready while we wait.
        call = op();
        sleep_until(next_attempt).await;
        // ANCHOR_END: mistake
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
