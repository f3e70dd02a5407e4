//! Mistake: the cut-off as `deadline.zip(timeout)`, which is `None` when either is.
//! class: bad-argument — with both limits finite, or both "no limit", it is right; only
//! one unlimited field beside a finite one shows that the finite one was dropped too.
//!
//! `Option::zip` reads well: both instants, then the earlier of the two. But `zip` is
//! `None` as soon as one side is, so an `attempt_timeout` of `Duration::MAX` (no timeout)
//! also removes the deadline from the attempt, and a `total` of `Duration::MAX` (no
//! deadline) also removes its timeout: a hanging attempt then runs for ever. No limit on
//! one field is no limit on that field only: the cut-off is the earlier of the limits
//! that exist.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
fn attempt_ends_at(deadline: Option<Instant>, attempt_timeout: Duration) -> Option<Instant> {
    deadline
        .zip(crate::later(attempt_timeout))
        .map(|(deadline, timeout)| deadline.min(timeout))
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
