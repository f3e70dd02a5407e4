//! Mistake: a semaphore of `per_second` permits as the rate limit.
//! class: other-side — never more than `per_second` calls are open at once, the results
//! are right; only when the calls reached the partner shows the rate broken.
//!
//! It is how Python guides often say "rate limiting", and it does cap the calls in
//! flight at `per_second`. But it limits how many run *at once*, not how many *start*
//! in a second: the moment a call finishes, its permit lets the next one start. With
//! calls that finish within the second, more than `per_second` start in it; with calls
//! longer than a second, the starts wait for finishes and come late.

use std::future::Future;

// ANCHOR: mistake
pub async fn run_rate_limited<F, Fut, T>(ids: &[u32], per_second: u32, call: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    assert!(
        per_second > 0,
        "run_rate_limited: `per_second` must be at least 1"
    );
    // "At most 4 a second" read as "at most 4 at a time".
    run_bounded(ids, per_second as usize, call).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
