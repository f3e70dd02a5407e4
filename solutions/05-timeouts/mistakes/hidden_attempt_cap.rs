//! Mistake: a "sanity" cap of 1000 on the number of attempts.
//! class: fixture — the largest count the tests made was 100 attempts, well under the
//! cap; only a run of 20 001 attempts under `max_attempts` `u32::MAX` reaches it. (From
//! round 11's attack, where it passed every test.)
//!
//! "In case the caller passes something silly": but the doc allows any count from 1 to
//! `u32::MAX`, and the caller who asks for many attempts (with a deadline or no waits)
//! gets `AttemptsExhausted` after 1000, an error that claims all `max_attempts`
//! attempts failed. `max_attempts` is the only limit on the count; the deadline is the
//! caller's tool for bounding the time.

use std::future::Future;

// ANCHOR: mistake
pub async fn call_with_retry<F, Fut, T, E>(policy: &RetryPolicy, op: F) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // A sanity cap, in case the caller passes something silly.
    const MAX_RETRIES: u32 = 1000;
    let capped = RetryPolicy {
        max_attempts: policy.max_attempts.min(MAX_RETRIES),
        ..*policy
    };
    reference::call_with_retry(&capped, op).await
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
