//! Mistake: asking `F: Fn` of the operation, where the task's signature says `FnMut`.
//! class: fixture — the spec's operation is a closure that only reads its script, which
//! is `Fn`; only a closure that changes its own state shows the bound. (From the
//! reviewer's attack in round 6, where it passed.)
//!
//! `op` is only ever called, never changed, so `Fn` looks like enough, and it spares
//! the `mut` in `mut op`. But `Fn` is a promise the *caller* must keep: a closure that
//! counts its calls, hands out request ids or takes the next item from a list is
//! `FnMut` only, and no longer compiles. Ask as little as the body needs: calling a
//! closure again and again needs `FnMut`, and `mut op`.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

// ANCHOR: mistake
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    op: F,
) -> Result<T, RetryError<E>>
where
    F: Fn() -> Fut,
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
        if attempts >= policy.max_attempts {
            return Err(RetryError::AttemptsExhausted { attempts, last: last });
        }
        if !crate::wait_for_next_attempt(backoff, deadline).await {
            return Err(RetryError::DeadlineExceeded { attempts, last: last });
        }
        backoff = crate::next_backoff(backoff, policy);
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
