//! Mistake: `Wait::poll` checks the flag under one lock and stores the waker under
//! another.
//! class: path — an interleaving: only an `open` that comes between the two locks loses
//! the wake-up, and no test that opens before or after a whole poll can see it. (From
//! the reviewer's attack, where it passed every test.)
//!
//! Tempting because each step looks like its own small critical section ("check",
//! then "register interest"). But between them an `open` on another thread sets the
//! flag, finds no waker, and returns; then this poll stores its waker and says Pending,
//! and nothing will ever wake it. A stress test loses that wake-up once in 200,000
//! runs; the test here forces it by calling `open` from inside `cx.waker().clone()`.

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
        let is_open = lock(&self.shared).open;
        if is_open {
            return Poll::Ready(());
        }
        // "Register interest", separately. An `open` can come in between.
        lock(&self.shared).waker = Some(cx.waker().clone());
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
