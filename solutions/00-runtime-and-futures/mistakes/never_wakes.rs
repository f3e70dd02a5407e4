//! Mistake: `Wait` returns Pending without storing the waker, and `open` wakes no one.
//! class: other-side — `Wait`'s answers are right; only the waker, the executor's side,
//! shows that nobody will ever call it.
//!
//! Tempting for anyone used to a loop that checks on things by itself: surely the
//! executor will come back and poll again? It will not. After `Pending` a task sleeps
//! until its waker is woken, and nothing here ever wakes it: the task hangs forever.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use reference::{Shared, lock};

#[path = "common/own_wait.rs"]
mod own_wait;
pub use own_wait::{Wait, latch};

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        lock(&self.shared).open = true;
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if lock(&self.shared).open {
            Poll::Ready(())
        } else {
            Poll::Pending // and then? Nobody will ever poll us again.
        }
    }
}
// ANCHOR_END: mistake

// Its own `Opener` and `Wait` for the two methods above (the `Wait`, with the
// reference's `Drop` and a `latch`, from `common/`); the rest is as in the reference.
#[derive(Debug)]
pub struct Opener {
    shared: Arc<Mutex<Shared>>,
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
