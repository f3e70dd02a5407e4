//! Mistake: keeping every attempt's error, and returning a clone of the last, with the
//! `E: Clone` that asks for added to the signature.
//! class: fixture — the spec's errors are `String`s, which have every trait; only an
//! error that derives nothing shows the bound. (From the reviewer's attack in round 6,
//! where it passed.)
//!
//! "Keep a history, it helps debugging": the errors go into a `Vec`, and the result
//! takes `errors.last().cloned()`, which needs `E: Clone`, so the compiler suggests the
//! bound. The function then refuses every error type that cannot be cloned (one that
//! holds a connection, a borrow, an `io::Error`). The last error is the one just
//! returned: move it into the result, and nothing needs a clone.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

// ANCHOR: mistake
pub async fn call_with_retry<F, Fut, T, E>(
    policy: &RetryPolicy,
    mut op: F,
) -> Result<T, RetryError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: Clone,
{
    crate::check_policy(policy);
    let deadline = crate::deadline(policy.total);
    let mut backoff = crate::first_backoff(policy);
    let mut attempts = 0;
    let mut errors: Vec<AttemptError<E>> = Vec::new();
    loop {
        attempts += 1;
        let ends_at = crate::attempt_ends_at(deadline, policy.attempt_timeout);
        let last = match crate::attempt(ends_at, op()).await {
            Ok(value) => return Ok(value),
            Err(last) => last,
        };
        errors.push(last);
        let last = errors.last().cloned().expect("one error per failed attempt");
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
