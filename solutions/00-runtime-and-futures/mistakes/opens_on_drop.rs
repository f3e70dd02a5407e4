//! Mistake: the `Opener` opens the latch when it is dropped, and `open` just drops it.
//! class: path — the path nobody called: an `Opener` dropped without `open()` (a task
//! that gave up, a panic) opens the latch as if the event had happened.
//!
//! Tempting for anyone who likes RAII: `open(self)` consumes the opener anyway, so
//! putting the work in `Drop` makes "the opener is used up" and "the latch is open" the
//! same thing, and no path can forget to open. But then every path opens: the waiting
//! task goes on as if the signal had come, when the one who should send it is gone.
//! A latch that nobody opens stays closed (put a timeout around the wait if that can
//! happen), like an `asyncio.Event` that nobody sets.

use std::sync::{Arc, Mutex};

use reference::{Shared, lock};

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        // Dropping `self` opens the latch.
    }
}

impl Drop for Opener {
    fn drop(&mut self) {
        let waker = {
            let mut shared = lock(&self.shared);
            shared.open = true;
            shared.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}
// ANCHOR_END: mistake

// An `Opener` of its own for the `open` above; the rest is as in the reference.
#[derive(Debug)]
pub struct Opener {
    shared: Arc<Mutex<Shared>>,
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let wait = Wait {
        shared: shared.clone(),
    };
    (Opener { shared }, wait)
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
