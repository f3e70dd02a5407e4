//! Mistake: turning "no deadline" into a deadline 30 years away.
//! class: bad-argument — every finite deadline is right, and a `total` too large for the
//! clock still cuts nothing the tests can see in 30 years; only a longer wait shows it.
//!
//! `checked_add(total).unwrap_or(now + 30 years)`: tokio's own trick (its `sleep` stops at
//! about 30 years), so that the deadline is always an `Instant` and no `Option` is needed.
//! But a stand-in for "never" is still a deadline: a caller's 31-year wait with no
//! deadline at all ends after it, so the call gives up at once on a wait it could make.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn deadline(total: Duration) -> Option<Instant> {
    let far_future = Duration::from_secs(30 * 365 * 24 * 3600);
    Some(crate::later(total).unwrap_or_else(|| Instant::now() + far_future))
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
