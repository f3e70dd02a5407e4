//! Mistake: a semaphore of 1024 permits, "just above anything a test would use".
//! class: fixture — a limit above the test's count never bites; only jobs that need
//! each other all running at once tell "no limit" from a high one.
//!
//! Found by a reviewer. Every job is spawned at once into a `JoinSet`, and with a
//! thousand jobs 1024 permits are never all taken: every count-based test passes. But
//! a limit is a limit: the 1025th job waits for a permit, and jobs that wait for one
//! another (a barrier, a channel to a job not yet started) wait for ever. The exercise
//! asks for none, however high.

// ANCHOR: mistake
const AT_ONCE: usize = 1024;
// ANCHOR_END: mistake

// The semaphore itself, shared with the other semaphore mistakes.
#[path = "common/permits.rs"]
mod permits;
pub use permits::run_in_background;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
