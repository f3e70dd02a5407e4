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
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use reference::{Shared, lock};

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

// A `Wait` of its own for the `poll` above; the rest is as in the reference.
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

impl Drop for Wait {
    fn drop(&mut self) {
        lock(&self.shared).waker = None;
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
