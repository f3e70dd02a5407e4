//! Mistake: `Wait` stores the waker of its first Pending poll and never replaces it.
//! class: path — a repeat: only a second poll, by another task, shows which waker was
//! kept. (The reviewer's attack wrote it too, as `get_or_insert_with`.)
//!
//! Tempting as an optimisation ("the waker is the same every time"). It is not: a
//! future moved into another task, or into a combinator that gives it a waker of its
//! own (`FuturesUnordered`), is polled with a new waker, and `open` then wakes a task
//! that no longer waits for it.

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
        if shared.waker.is_none() {
            shared.waker = Some(cx.waker().clone());
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
