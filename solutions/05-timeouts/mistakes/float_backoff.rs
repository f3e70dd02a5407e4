//! Mistake: computing each wait in floating point, `first_backoff × 2.0ⁿ⁻¹`.
//! class: bad-argument — right for the first waits; a hundred attempts panic, and long
//! waits with no cap come out a millisecond off. (From the reviewer's attack in round
//! 6, where it passed.)
//!
//! Python's `base * 2 ** n` with floats, as `first_backoff.mul_f64(2f64.powi(n))`. An
//! `f64` holds any power of two, so nothing seems to overflow; but `mul_f64` turns the
//! product back into a `Duration`, and panics once it is too large for one (2⁹⁹ms is),
//! cap or no cap. And 53 bits of mantissa do not hold every nanosecond of a wait of
//! years: the waits drift. Double the previous `Duration`, saturating, and cap it.

use std::time::Duration;

// ANCHOR: mistake
fn waits(policy: RetryPolicy) -> impl FnMut() -> Duration {
    let mut failures = 0;
    move || {
        failures += 1;
        crate::capped(
            policy.first_backoff.mul_f64(2f64.powi(failures - 1)),
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
