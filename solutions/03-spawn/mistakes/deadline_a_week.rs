//! Mistake: a week to collect every result, "no real job takes longer"; at the deadline
//! the rest are aborted and the call returns what it has.
//! class: fixture — the longest fake job took a day, under the deadline; only a job
//! longer than any plausible deadline shows it. (From round 12's attack, where it passed
//! every test.)
//!
//! `deadline_on_collecting` with a longer patience. A backup, a crawl, a job that waits
//! for a person to click a link: some background work runs for weeks, and this call
//! cancels it and returns without its result, without a word. The exercise puts no limit
//! on how long a job may take; a caller that will not wait that long puts a `timeout`
//! around the whole call.

use std::time::Duration;

// ANCHOR: mistake
const PATIENCE: Duration = Duration::from_secs(7 * 24 * 3600);
// ANCHOR_END: mistake

// The deadline itself, shared with the other deadlines on collecting.
#[path = "common/deadline_on_collecting.rs"]
mod deadline_on_collecting;
pub use deadline_on_collecting::collect_results;

// The rest is the reference's (its `run_in_background` calls `crate::collect_results`:
// the one above); the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
