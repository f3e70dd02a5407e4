//! Mistake: taking `Duration::MAX`, and only it, for "no limit".
//! class: bad-argument — `Duration::MAX` and every ordinary duration work; only another
//! duration too large for the clock panics, "overflow when adding duration to instant".
//!
//! `if d == Duration::MAX { None } else { Some(Instant::now() + d) }`: the one value
//! a caller writes for "no limit", special-cased, and plain `+` for the rest. But the
//! clock ends long before `Duration::MAX`: 2⁶³ seconds (or a year more than the clock
//! has left) is just as far past its end, and `+` panics there too. Ask the clock itself:
//! `Instant::checked_add` is `None` for every duration it cannot hold.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn later(duration: Duration) -> Option<Instant> {
    if duration == Duration::MAX {
        None
    } else {
        Some(Instant::now() + duration)
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
