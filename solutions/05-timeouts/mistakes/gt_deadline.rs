//! Mistake: giving up only when the next wait would end strictly *after* the deadline.
//! class: boundary — a wait that ends exactly at the deadline, and only that, shows it.
//!
//! `>` for `>=`, and it reads fine ("past the deadline? give up"). But a wait that ends
//! at the deadline itself leads to an attempt with no time at all: it starts at the deadline
//! and is cut at once, so the caller waits for an answer that could not come.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn next_attempt_at(backoff: Duration, deadline: Option<Instant>) -> Option<Instant> {
    match (crate::later(backoff), deadline) {
        (Some(next), Some(deadline)) if next <= deadline => Some(next),
        (Some(next), None) => Some(next),
        _ => None,
    }
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
