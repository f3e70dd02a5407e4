//! Mistake: a year for each job "for safety", and the items that take longer reported
//! as failed.
//! class: fixture — a limit longer than any slow item the tests use never bites; only
//! an item slower still shows it.
//!
//! Found by reviewers, first as a day (round 3), then, once the spec's slow item took 30
//! days, as a year (round 7), and this file stands for both; since round 12 the slow
//! item sleeps a thousand years of virtual time (free on the paused clock) in steps of
//! 25, which a century's limit (`timeout_century.rs`) shows too. Nobody's job takes
//! a year, so the limit looks harmless, and an item of an hour is waited for. But a
//! limit is a limit: a job that is slow and fine is cut off at a year and reported as a
//! failure it never returned. `process_all` has no time limit at all: a deadline is the
//! caller's, around the whole call.

use std::time::Duration;

// ANCHOR: mistake
const LIMIT: Duration = Duration::from_secs(365 * 24 * 3600);
// ANCHOR_END: mistake

// `call` with that limit around each job, shared with the other per-item limits.
#[path = "common/per_item_timeout.rs"]
mod per_item_timeout;
use per_item_timeout::call;

// The rest is the reference's (its `process_all` calls `crate::call`: the one above);
// the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
