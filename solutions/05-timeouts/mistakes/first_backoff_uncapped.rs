//! Mistake: capping the doubled waits, but not the first one.
//! class: boundary — only a first_backoff above max_backoff shows it.
//!
//! `max_backoff` reads as "the doubling stops here", so it is applied where the doubling
//! is. But the field says no wait is longer than it: with first_backoff 50 ms and
//! max_backoff 25 ms, the first wait is 50 ms, twice what the caller allowed.

use std::time::Duration;

// ANCHOR: mistake
fn first_backoff(policy: &RetryPolicy) -> Duration {
    policy.first_backoff
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
