//! Mistake: a dropped `Wait` takes its waker out of the shared state, and wakes it.
//! class: cancellation — dropped half-way: the waker is let go, as it should be, so
//! `open` wakes nobody later; only the drop itself wakes the task that cancelled.
//! (From the fifth reviewer's attack, where it passed every test.)
//!
//! "Tell the task that its wait was cancelled" sounds considerate, like the
//! `CancelledError` asyncio raises. But the code that drops a `Wait` (a `timeout` that
//! ran out, a `select!` whose other branch won) runs in that very task, which knows:
//! the wake only makes the executor poll it again, for nothing. And if the task itself
//! is being dropped, there is nobody to tell.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use reference::{Shared, lock};

/// A `Wait` of its own, for an `impl Drop` of its own.
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

// ANCHOR: mistake
impl Drop for Wait {
    fn drop(&mut self) {
        let waker = lock(&self.shared).waker.take();
        // Let the task know that its wait was cancelled.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}
// ANCHOR_END: mistake

// The reference's `poll` and `latch`, for this `Wait`.
impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = lock(&self.shared);
        if shared.open {
            return Poll::Ready(());
        }
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opener = Opener {
        shared: shared.clone(),
    };
    (opener, Wait { shared })
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
