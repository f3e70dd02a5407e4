//! Mistake: `open` wakes the waiting task first and sets the flag afterwards, in a
//! second lock.
//! class: path — an interleaving: only a woken task that is polled before `open`
//! returns, as on another worker thread, finds the latch still closed. (From the
//! reviewer's attack, where it passed every test.)
//!
//! "Wake them, then mark it done" reads naturally, and on a current-thread runtime it
//! even works: the woken task cannot run until `open` has returned. On a multi-thread
//! runtime it can, at once: it sees `open == false`, stores a new waker, returns
//! Pending, and `open` then sets the flag without waking anyone. The task sleeps on an
//! open latch.

use std::sync::{Arc, Mutex};

use reference::{Shared, lock};

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        let waker = lock(&self.shared).waker.take();
        if let Some(waker) = waker {
            waker.wake();
        }
        lock(&self.shared).open = true;
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
