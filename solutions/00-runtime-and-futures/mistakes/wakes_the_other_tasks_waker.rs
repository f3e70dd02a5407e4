//! Mistake: when `Wait::poll` replaces a waker that wakes another task, it wakes that
//! one.
//! class: other-side — only the old task sees the wake: the poll itself is Pending as it
//! should be, and the same task's waker is left alone (`will_wake`), so a repeat poll by
//! one task wakes nobody. (From the second reviewer's attack, where it passed every test.)
//!
//! "Tell the old task it has been replaced" sounds considerate. But the future has moved
//! on: the old task has nothing of it to poll, so the wake is a poll for nothing. And
//! `will_wake` may say false for two wakers of one task (an executor may hand out a new
//! waker at each poll), and then it is the busy loop of `wake_replaced_waker`.

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
        let old = shared.waker.replace(cx.waker().clone());
        drop(shared);
        if let Some(old) = old
            && !old.will_wake(cx.waker())
        {
            // Another task was waiting here: tell it it has been replaced.
            old.wake();
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
