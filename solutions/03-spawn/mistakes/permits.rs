//! Mistake: a semaphore of 128 permits, "so that a flood of jobs cannot swamp the runtime".
//! class: fixture — three jobs never use up 128 permits; a thousand show it.
//!
//! Found by a reviewer. Every job is spawned at once, as a task of its own, into a
//! `JoinSet`: the cancellation, the panics and the order are all right, and so is
//! everything with fewer than 129 jobs. But each task waits for a permit before it runs
//! its job, so with a thousand jobs only 128 run at a time and the rest queue behind
//! them: the call takes several rounds instead of one. Nothing in the task asks for a
//! limit; a task that waits costs little, and when a limit is wanted, it is chapter 09's.

// ANCHOR: mistake
const AT_ONCE: usize = 128;
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
