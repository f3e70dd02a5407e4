//! Mistake: `open` assumes somebody is already waiting, and panics if no waker is
//! stored.
//! class: boundary — zero waiters: an `open` before the first poll, or after the `Wait`
//! was dropped, finds no waker. (From the reviewer's attack.)
//!
//! "`open` is there to release a waiter", so `take().expect(..)` reads like a useful
//! check. But `open` may come at any time: before the wait starts (then the first poll
//! must simply find the flag), or after the wait was cancelled. No waker means nobody
//! to wake, not a bug.

use std::sync::{Arc, Mutex};

use reference::{Shared, lock};

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        let mut shared = lock(&self.shared);
        shared.open = true;
        let waker = shared.waker.take().expect("open() with nobody waiting");
        drop(shared);
        waker.wake();
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
