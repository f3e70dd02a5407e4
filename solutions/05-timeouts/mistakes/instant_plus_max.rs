//! Mistake: `Instant::now() + duration` for the deadline, the cut-off and the wake-up.
//! class: bad-argument — every ordinary duration works; `Duration::MAX` (no limit)
//! panics deep in std, "overflow when adding duration to instant".
//!
//! The obvious arithmetic, and the reference solution of this exercise used it for a
//! long time. But a caller who means "no limit" writes `Duration::MAX`, and `Instant +
//! Duration` panics when the sum does not fit the clock. `Instant::checked_add` returns
//! `None` instead, which is exactly "never".

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn later(duration: Duration) -> Option<Instant> {
    Some(Instant::now() + duration)
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
