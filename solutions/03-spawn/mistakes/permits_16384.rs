//! Mistake: a semaphore of 16 384 permits, "far more than any real batch".
//! class: fixture — the old tests' largest crowd was 10 000 jobs, under the limit; only
//! more jobs than the limit, needing each other all running at once, show it. (From
//! round 12's attack, where it passed every test.)
//!
//! `permits_1024` with a larger number. A limit picked to be above every test's count is
//! still a limit: the 16 385th job waits for a permit, and jobs that wait for one another
//! wait for ever. The exercise asks for none, however high; when a limit is wanted, it is
//! chapter 09's, and then it is the caller's to choose.

// ANCHOR: mistake
const AT_ONCE: usize = 16_384;
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
