//! Mistake: handling `total` 0 as a case of its own, "one first poll, then
//! `DeadlineExceeded`", before the loop.
//! class: path — right whenever more than one attempt is allowed; only total 0 with
//! `max_attempts` 1 shows that the special case skipped the count. (From round 11's
//! attack, where it passed every test.)
//!
//! The doc's bullet on `total` 0 read as a recipe of its own: poll the first attempt
//! once, and if it has not answered, the deadline is up. But the count comes first
//! there too: when that attempt was the only one allowed, it is `AttemptsExhausted`.
//! The loop already does the right thing for total 0 (the cut-off is now, `timeout_at`
//! polls once, no wait fits); a special case can only disagree with it.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

// ANCHOR: mistake
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    if policy.total.is_zero() {
        crate::check_policy(policy);
        // No time at all: the first attempt gets its first poll, then the deadline is up.
        let mut call = pin!(op());
        let last = match std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await {
            Poll::Ready(Ok(value)) => return Ok(value),
            Poll::Ready(Err(error)) => AttemptError::Failed(error),
            Poll::Pending => AttemptError::TimedOut,
        };
        return Err(RetryError::DeadlineExceeded { attempts: 1, last });
    }
    reference::call_with_retry(policy, op).await
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
