//! Mistake: waiting between attempts with `std::thread::sleep`.
//! class: other-side — the waits are right on a wall clock; only tokio's clock, which
//! every other task runs on, shows that none happened.
//!
//! The habit of every synchronous retry loop (Python's `time.sleep`), and it even
//! waits the right time on a wall clock. But it does not suspend the task, it stops
//! the thread: every other task on that thread (on a current-thread runtime, all of
//! them) freezes for the whole backoff, timers and I/O included. Tokio's clock does
//! not see the wait either, which is why the paused test clock shows no wait at all.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: mistake
async fn wait_for_next_attempt(backoff: Duration, deadline: Option<Instant>) -> bool {
    let Some(next_attempt) = crate::next_attempt_at(backoff, deadline) else {
        return false;
    };
    // `time.sleep` in a Python retry loop: it waits, but by stopping the thread.
    std::thread::sleep(next_attempt - Instant::now());
    true
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
