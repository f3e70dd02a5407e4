//! Mistake: keeping the waits in whole milliseconds.
//! class: fixture — every wait in the other tests is a whole number of milliseconds, where
//! milliseconds and `Duration`s agree; only a fraction of one shows it.
//!
//! `time.monotonic() * 1000` habits: the waits in whole milliseconds, as a `u64` of them
//! would keep them, so each capped wait loses what is below a millisecond. A
//! `first_backoff` of 1.5ms becomes 1ms, then 2ms, 4ms: every wait shorter than the
//! caller asked. Keep the `Duration` and double that.

use std::time::Duration;

// ANCHOR: mistake
/// Every wait, as it is capped, in whole milliseconds, like `time.monotonic() * 1000`.
fn capped(wait: Duration, max_backoff: Duration) -> Duration {
    let wait = wait.min(max_backoff);
    match u64::try_from(wait.as_millis()) {
        Ok(ms) => Duration::from_millis(ms),
        Err(_) => wait, // more milliseconds than a `u64` holds: "never" as it was
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
