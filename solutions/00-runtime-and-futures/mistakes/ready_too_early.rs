//! Mistake: `Wait` is Ready on its first poll, whether the latch is open or not.
//! class: fixture — with the latch opened before the first poll, Ready at once is the
//! right answer; only a poll of a closed latch tells the two apart.
//!
//! Tempting when `poll` reads as "start waiting": the waker is stored, so the wait is
//! set up, and `Ready` looks like "ready to wait". But `Ready` means "here is the
//! result": the code after `wait.await` runs at once, as if the latch were open.

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
        shared.waker = Some(cx.waker().clone());
        Poll::Ready(())
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
