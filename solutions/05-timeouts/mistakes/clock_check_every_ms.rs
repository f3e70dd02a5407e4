//! Mistake: watching an attempt's cut-off with a loop that looks at the clock every
//! millisecond, instead of a timer at the cut-off.
//! class: other-side — on the paused clock it drops every attempt at its cut-off to the
//! millisecond, so every result and every instant is right; only a count of the task's
//! wake-ups, which the runtime sees and the caller does not, shows a thousand a second.
//! (From round 11's attack, where it passed every test.)
//!
//! Python's `while not task.done() and time.monotonic() < cut_off: await
//! asyncio.sleep(0.001)`. It polls the attempt first and looks at the clock before each
//! nap, so an answer at the cut-off counts and an attempt with no time gets its first
//! poll: nothing a test of results can see. But the task wakes every millisecond for as
//! long as the attempt runs, and on a real clock each look can come up to a nap late.
//! `timeout_at(cut_off, op())` wakes the task once, when the time is up.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

#[path = "common/napping_attempt.rs"]
mod napping_attempt;

// ANCHOR: mistake
async fn attempt<T, E>(
    ends_at: Option<Instant>,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, AttemptError<E>> {
    // Look at the clock every millisecond.
    napping_attempt::napping_attempt(ends_at, call, Duration::from_millis(1)).await
}
// ANCHOR_END: mistake

// The rest is the reference's (its loop calls `crate::attempt`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as timeouts;
#[path = "../../../exercises/05-timeouts/tests/spec.rs"]
mod spec;
