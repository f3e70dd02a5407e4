//! Mistake: a cap of its own on the calls in flight, "so nobody opens ten thousand".
//! class: fixture — below 128 calls the cap never bites; a batch of 1000 with no limit
//! shows it.
//!
//! A `Semaphore` refuses more than `MAX_PERMITS` permits, and a huge number of open
//! requests sounds dangerous, so the limit is clamped to a "sane" maximum as well as to
//! the batch. Every test batch of a few calls runs as asked. But the limit is the
//! caller's to choose: a `limit` of `usize::MAX` is no limit at all, and a batch of
//! 1000 should have all 1000 in flight, not 128 at a time.

// ANCHOR: mistake
/// "Enough for anybody."
const MAX_IN_FLIGHT: usize = 128;
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
