//! Mistake: a mailbox so big that nobody ever waits for room (`mpsc::channel(1 << 20)`,
//! the bounded twin of `unbounded_channel`).
//! class: other-side — every caller gets its answer, and in time; only what the actor
//! took in shows it: every request anyone started, however far behind it was.
//!
//! With `send(…).await` nothing is ever lost, so a bigger mailbox looks like it can
//! only help: callers never wait. But the wait for room is what tells callers that the
//! bank is behind and slows them down to the pace of its audits (backpressure). Without
//! it a busy actor takes in every request, the queue grows as fast as callers can send,
//! and the overload shows only as memory, and as answers that come later and later. A
//! few dozen places are plenty: the exercise allows at most 1024. (Part 1, the lock, is
//! the reference's here.)

// ANCHOR: mistake
/// So big that callers never have to wait.
pub(crate) const MAILBOX: usize = 1 << 20;
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
