//! Mistake: `block_on` naps 1 ms between looks at a flag that its waker sets.
//! class: other-side — every poll answers a wake, and a wake is answered within a
//! millisecond, so no poll count or watchdog shows it; only the thread, asleep in
//! `thread::sleep` instead of a wait for the waker, does. (From the seventh reviewer's
//! attack, where it passed every test.)
//!
//! A timer in disguise: the thread wakes a thousand times a second to look at the flag,
//! for as long as the future waits, and answers every wake up to a millisecond late.
//! `park()` sleeps until the waker's `unpark()`, and no longer.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

/// Tells `block_on` that the future was woken.
#[derive(Default)]
struct Woken(AtomicBool);

impl Wake for Woken {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

// ANCHOR: mistake
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let woken = Arc::new(Woken::default());
    let waker = Waker::from(woken.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Poll only when woken; look at the flag every millisecond.
        while !woken.0.swap(false, Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(1));
        }
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
