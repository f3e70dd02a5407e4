//! Mistake: when `Wait::poll` replaces the stored waker, it wakes the old one.
//! class: path — a repeat: only a second poll by the same task, the latch still closed,
//! turns "don't leave the old task hanging" into a task that wakes itself. (From the
//! reviewer's attack, where it passed every test.)
//!
//! It looks considerate: the task that polled before should not be left waiting for a
//! latch it no longer watches. But the old waker is most often the same task's, polled
//! again for reasons of its own (another branch of a `join!` woke it): waking it makes
//! the executor poll again at once, which replaces the waker again, and wakes it again:
//! a busy loop.

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
        let mut shared = lock(&self.shared);
        if shared.open {
            return Poll::Ready(());
        }
        if let Some(old) = shared.waker.replace(cx.waker().clone()) {
            old.wake(); // "so that the old task is not left hanging"
        }
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
