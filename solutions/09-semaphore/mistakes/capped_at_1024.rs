//! Mistake: a cap of 1024 in flight of its own, "to be nice to the partner".
//! class: fixture — a cap above the test's batch never bites: with 1000 calls and no
//! limit, a cap of 1024 runs them all at once; only a batch above the cap shows it.
//!
//! A round "sane maximum" looks safe when it is far above any batch one tries. But the
//! limit is the caller's to choose: `usize::MAX` is no limit at all, however large the
//! batch, and 5000 calls should have all 5000 in flight, not 1024 at a time. Clamp only
//! to the batch (`limit.min(ids.len())`), which changes nothing. (Found by the
//! reviewer who attacked the spec.)

// ANCHOR: mistake
/// Never hammer the partner with more than this many at once, whatever the caller says.
const MAX_IN_FLIGHT: usize = 1024;
// ANCHOR_END: mistake

// `run_bounded` itself, shared with the other capped mistake.
#[path = "common/capped.rs"]
mod capped;
pub use capped::run_bounded;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as semaphore;
#[path = "../../../exercises/09-semaphore/tests/spec.rs"]
mod spec;
