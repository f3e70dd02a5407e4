//! Mistake: the wait grows by a fixed step instead of doubling.
//! class: fixture — the first two waits (100, 200 ms) are the same either way; only a
//! third shows it.
//!
//! 100, 200, 300, 400 ms looks like "backing off", and it does slow down, but against
//! a service that is down for a while it retries far more often than 100, 200, 400,
//! 800 ms would: exponential backoff is what gives an overloaded server room.

use std::time::Duration;

// ANCHOR: mistake
fn next_backoff(backoff: Duration, policy: &RetryPolicy) -> Duration {
    crate::capped(
        backoff.saturating_add(policy.first_backoff),
        policy.max_backoff,
    )
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
