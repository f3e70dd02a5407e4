//! Mistake: `Wait` wakes its own task every time it returns Pending.
//! class: other-side — the latch opens in the end and `Wait` answers right; only the
//! executor sees the wake after every Pending, and the polls that follow.
//!
//! Tempting because it works: the countdown in the chapter wakes itself too, and the
//! latch does open in the end. But the countdown makes progress at every poll; a
//! closed latch does not. The executor polls `Wait` again at once, finds it closed,
//! and again, forever: a busy loop that burns a core and, on a current-thread runtime,
//! keeps the task that would open the latch (and the timer) from ever running.

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

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if lock(&self.shared).open {
            return Poll::Ready(());
        }
        // "Not yet: poll me again." The executor does, right away.
        cx.waker().wake_by_ref();
        Poll::Pending
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
