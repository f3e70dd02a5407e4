//! Mistake: one minute to collect every result; at the deadline the rest are aborted
//! and the call returns what it has.
//! class: fixture — a deadline above every fake job's length never bites.
//!
//! Found by a reviewer in round 7, and passed every test until then: the slowest fake
//! job took 2149 ms. Every job still running at the deadline is cancelled and its result
//! lost. The exercise puts no limit on how long a job may take.

use std::time::Duration;

// ANCHOR: mistake
const PATIENCE: Duration = Duration::from_secs(60);
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
