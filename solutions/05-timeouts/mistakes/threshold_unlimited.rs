//! Mistake: counting every duration over 30 years as "no limit".
//! class: boundary — `Duration::MAX`, 2⁶³ seconds and every ordinary duration work; only
//! a long duration the clock can still hold (31 years, say) shows it.
//!
//! `if d > FOREVER { None } else { Some(now + d) }`, with FOREVER 30 years (tokio's own
//! cap for `sleep`): it never panics, and every test with `Duration::MAX` or 2⁶³ seconds
//! passes. But the doc says what too large is: what `Instant::checked_add` refuses. A
//! 31-year wait the clock can hold is then "a wait that never ends", and the call gives
//! up at once, though the caller asked it to wait and there is time.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
/// Longer than anyone waits: taken for "never".
const FOREVER: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

fn later(duration: Duration) -> Option<Instant> {
    if duration > FOREVER {
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
