//! Mistake: doubling the wait before the cap, and keeping the uncapped one to double next.
//! class: bad-argument — the waits are right as long as the uncapped wait fits a
//! `Duration`; a hundred attempts (or a first_backoff too large for the clock) panic.
//! (From the reviewer's attack in round 6, where it passed.)
//!
//! `raw = raw * 2; wait = raw.min(max_backoff)`: the cap is applied to the wait that is
//! slept, but the wait that is doubled never meets it. It grows without end, and
//! `Duration * 2` panics once it passes `Duration::MAX`: after some 75 doublings of 1ms,
//! or at the first doubling of a `Duration::MAX`. Double the capped wait, with
//! `saturating_mul`, and nothing grows past the cap.

use std::time::Duration;

// ANCHOR: mistake
fn waits(policy: RetryPolicy) -> impl FnMut() -> Duration {
    let mut raw = policy.first_backoff;
    let mut first = true;
    move || {
        if !first {
            raw *= 2;
        }
        first = false;
        crate::capped(raw, policy.max_backoff)
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
