//! Mistake: reading a `max_backoff` of 0 as "no cap".
//! class: boundary — every cap above 0 is applied; only a cap of 0 shows it.
//!
//! The Python habit `cap = max_backoff or None` (0 is falsy, so 0 means "unset"), or a
//! config file's "0 = unlimited". But the doc gives 0 no such meaning: `max_backoff` is
//! the longest wait, and a longest wait of 0 is no wait at all. Only a duration too large
//! for the clock means no cap.

use std::time::Duration;

// ANCHOR: mistake
fn capped(wait: Duration, max_backoff: Duration) -> Duration {
    if max_backoff.is_zero() {
        wait // 0 taken for "no cap"
    } else {
        wait.min(max_backoff)
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
