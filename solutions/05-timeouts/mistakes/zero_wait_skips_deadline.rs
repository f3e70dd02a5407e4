//! Mistake: skipping the deadline check when the wait is 0.
//! class: boundary — every wait above 0 is checked; only a wait of 0 that ends at the
//! deadline itself shows it.
//!
//! "Nothing to wait for: go straight on." But the check is not about the sleep, it is
//! about the next attempt: a wait of 0 ends at once, and at the deadline that leaves
//! the next attempt no time. Skipping the check starts it anyway, cut at once, and the
//! call ends with `AttemptsExhausted` after an attempt that had no chance.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn next_attempt_at(backoff: Duration, deadline: Option<Instant>) -> Option<Instant> {
    if backoff.is_zero() {
        // Nothing to wait for: go straight on to the next attempt.
        return Some(Instant::now());
    }
    crate::reference::next_attempt_at(backoff, deadline)
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
