//! Mistake: `open` takes the waker and wakes it under one lock, then sets the flag under
//! a second one.
//! class: path — an interleaving with no hook in it: the wake comes while the lock is
//! held, so the test that polls from inside the wake must wait for the lock, and only a
//! poll that runs in the gap between the two locks finds the latch closed. (From the
//! second reviewer's attack, where it passed every test.)
//!
//! Waking under the lock is allowed, and it looks as if it made the order safe: whoever
//! the wake makes poll waits for the lock. But the lock is let go before the flag is set:
//! a poll on another thread in between sees `open == false`, stores a new waker, and
//! returns Pending; then `open` sets the flag and wakes no one.

use std::sync::{Arc, Mutex};

use reference::{Shared, lock};

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        if let Some(waker) = lock(&self.shared).waker.take() {
            waker.wake(); // the guard lives to the end of this block
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
