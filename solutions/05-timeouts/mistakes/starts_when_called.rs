//! Mistake: starting the first attempt (and the deadline) when `call_with_retry` is
//! *called*, in a plain `fn` that returns the retry loop as an `async` block.
//! class: cancellation — `call_with_retry(..).await` polls at once, so every test that
//! awaits the call straight away sees nothing wrong; only a future made now and awaited
//! later shows the call of `op` (and the deadline) running ahead of the first poll.
//!
//! Like `asyncio.create_task`, "get the first request going right away". But a Rust
//! future does nothing until polled, and callers rely on that: a future made and then
//! dropped, or awaited later, must not have sent a request already.
// workshop: whole file: the signature itself is what changes (`fn` returning a future).

use std::future::Future;

// ANCHOR: mistake
pub fn call_with_retry<'a, F, Fut, T, E>(
    policy: &'a RetryPolicy,
    mut op: F,
) -> impl Future<Output = Result<T, RetryError<E>>> + 'a
where
    F: FnMut() -> Fut + 'a,
    Fut: Future<Output = Result<T, E>> + 'a,
    T: 'a,
    E: 'a,
{
    let deadline = crate::deadline(policy.total);
    let first_ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
    let mut first = (policy.max_attempts >= 1).then(&mut op);
    async move {
        crate::check_policy(policy);
        // ANCHOR_END: mistake
        let mut next_wait = crate::waits(*policy);
        let mut attempts = 0;
        loop {
            attempts += 1;
            let (ends_at, call) = match first.take() {
                Some(call) => (first_ends_at, call),
                None => (
                    crate::attempt_ends_at(deadline, policy.attempt_timeout),
                    op(),
                ),
            };
            let last = match crate::attempt(ends_at, call).await {
                Ok(value) => return Ok(value),
                Err(last) => last,
            };
            if attempts >= policy.max_attempts {
                return Err(RetryError::AttemptsExhausted { attempts, last });
            }
            if !crate::wait_for_next_attempt(next_wait(), deadline).await {
                return Err(RetryError::DeadlineExceeded { attempts, last });
            }
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
