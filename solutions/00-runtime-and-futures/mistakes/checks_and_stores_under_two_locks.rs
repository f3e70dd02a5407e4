//! Mistake: `Wait::poll` checks the flag under one lock, then takes the lock again to
//! clone and store the waker.
//! class: path — an interleaving with no hook in it: the clone comes under the second
//! lock, so the test that opens from inside the clone finds the lock held, and only an
//! `open` that runs in the gap between the two locks loses the wake. (From the second
//! reviewer's attack, where it passed every test.)
//!
//! The fix of `two_locks` gone half way: the clone moved under a lock, but the check
//! still has a lock of its own. Between the two, an `open` on another thread sets the
//! flag, finds the old waker (or none), and returns; then this poll stores its waker and
//! says Pending, and nothing will ever wake it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reference::lock;

// A `Wait` of its own for the `poll` below; the rest is as in the reference.
#[path = "common/own_wait.rs"]
mod own_wait;
pub use own_wait::{Wait, latch};

// ANCHOR: mistake
impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if lock(&self.shared).open {
            return Poll::Ready(());
        }
        // Closed: leave our waker for `open`.
        let mut shared = lock(&self.shared);
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
