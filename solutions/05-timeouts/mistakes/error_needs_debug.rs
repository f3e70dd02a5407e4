//! Mistake: logging each failed attempt's error, with the `E: Debug` that asks for
//! added to the signature.
//! class: fixture — the spec's errors are `String`s, which have every trait; only an
//! error that derives nothing shows the bound. (From the reviewer's attack in round 6,
//! where it passed.)
//!
//! "Log why it failed before retrying": `eprintln!("... {e:?}")` needs `E: Debug`, and
//! the compiler suggests the bound. The retry loop then refuses every error that is not
//! `Debug`, and prints on its caller's behalf, which is the caller's choice to make: the
//! error it returns carries the last one, to print or not.
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
    E: std::fmt::Debug,
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
        if let AttemptError::Failed(error) = &last {
            eprintln!("attempt {attempts} failed: {error:?}");
        }
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
