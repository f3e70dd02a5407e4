//! Mistake: computing each wait as `first_backoff × 2ⁿ⁻¹`, with a `2ⁿ` that saturates.
//! class: boundary — right for every wait up to the 32nd; only more than 32 waits with
//! no cap show that the doubling stops. (From the reviewer's attack in round 6, where it
//! passed.)
//!
//! The fix for `pow_backoff`'s overflow that the compiler's docs suggest:
//! `2u32.saturating_pow(n)` no longer panics. But it stops at `u32::MAX`, so from the
//! 33rd wait on every wait is `first_backoff × (2³² − 1)`: the waits stop growing where
//! only `max_backoff` may stop them. Doubling the previous wait, saturating, needs no
//! exponent at all.

use std::time::Duration;

// ANCHOR: mistake
fn waits(policy: RetryPolicy) -> impl FnMut() -> Duration {
    let mut failures = 0;
    move || {
        failures += 1;
        crate::capped(
            policy.first_backoff * 2u32.saturating_pow(failures - 1),
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
