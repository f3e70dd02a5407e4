//! Mistake: watching an attempt's cut-off with a loop that looks at the clock every
//! 10 ms, instead of a timer at the cut-off.
//! class: fixture — every cut-off in the tests was a multiple of 10 ms, so each look
//! found one exactly on time; only a count of the task's wake-ups shows the loop.
//! (From round 11's attack, where it passed every test.)
//!
//! The same polling loop as `clock_check_every_ms.rs` with a coarser nap, "to save the
//! CPU": it still wakes a hundred times a second, and now a cut-off between two looks
//! (37 ms, say) is noticed only at the next one, up to 10 ms late, with the attempt
//! still running. A timer at the cut-off (`timeout_at`) is both exact and quiet.

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
    // Look at the clock every 10 ms: often enough for a timeout of a few hundred.
    napping_attempt::napping_attempt(ends_at, call, Duration::from_millis(10)).await
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
