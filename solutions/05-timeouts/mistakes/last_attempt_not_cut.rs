//! Mistake: the deadline is checked between attempts, but each attempt still gets
//! its full timeout.
//! class: cancellation — only an attempt still running at the deadline shows it: it is
//! dropped 200 ms late.
//!
//! Closer than ignoring the deadline, and it passes every test where the deadline
//! falls between attempts. But an attempt that starts 100 ms before the deadline
//! still runs for its full 300 ms: the caller hears back 200 ms late.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
/// The full attempt_timeout, however close the deadline is.
fn attempt_ends_at(_deadline: Option<Instant>, attempt_timeout: Duration) -> Option<Instant> {
    crate::later(attempt_timeout)
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
