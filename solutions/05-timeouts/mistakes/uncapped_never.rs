//! Mistake: leaving a wait too large for the clock uncapped, as "never".
//! class: bad-argument — a wait too large for the clock is never waited, so it seems
//! right to keep it as it is; only a `first_backoff` too large under a finite cap shows
//! that the cap comes first. (From the reviewer's attack in round 6, where it passed.)
//!
//! `Duration::MAX` means "no limit" for the policy's limits, and a wait that long never
//! ends, so the cap is skipped for it, to keep "never" intact. But `max_backoff` caps
//! every wait, however it was computed: a first_backoff of `Duration::MAX` under a cap
//! of 25ms is a 25ms wait. Cap first; only then ask `checked_add` whether the (capped)
//! wait fits the clock.

use std::time::Duration;

// ANCHOR: mistake
fn capped(wait: Duration, max_backoff: Duration) -> Duration {
    match crate::later(wait) {
        // Too large for the clock: "never", which no cap should shorten.
        None => wait,
        Some(_) => wait.min(max_backoff),
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
