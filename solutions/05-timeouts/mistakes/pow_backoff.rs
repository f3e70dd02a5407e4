//! Mistake: computing each wait from the attempt number, `first_backoff × 2ⁿ⁻¹`.
//! class: bad-argument — with five attempts it is right; forty attempts panic in the
//! arithmetic, cap or no cap.
//!
//! Python's `base * 2 ** n`, where integers never overflow. Here `2u32.pow(32)` panics
//! at the 33rd attempt ("attempt to multiply with overflow") before `.min(max_backoff)`
//! is even reached, although every wait would have been capped at a few milliseconds.
//! Doubling the previous wait, saturating, never grows past the cap.

use std::time::Duration;

// ANCHOR: mistake
fn waits(policy: RetryPolicy) -> impl FnMut() -> Duration {
    let mut failures = 0;
    move || {
        failures += 1;
        crate::capped(
            policy.first_backoff * 2u32.pow(failures - 1),
            policy.max_backoff,
        )
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
