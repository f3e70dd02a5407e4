//! Mistake: `block_on` spins on a flag that its waker sets, and polls only when it is set.
//! class: other-side — every poll answers a wake, so no poll count shows it; only the
//! thread, running flat out while the future waits, does. (From the seventh reviewer's
//! attack, where it passed every test, with `yield_now` in the loop as well.)
//!
//! Half of an executor: it polls only when woken, but it does not sleep until then. While
//! the future waits (for a timer, a socket, another thread) the loop burns a whole core
//! asking the flag "woken yet?", which is the busy loop `Waker::noop()` makes, moved from
//! the future to a flag. Sleep in `park()`, and let the waker's `unpark()` end it.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

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
        // Poll only when woken: wait for the flag.
        while !woken.0.swap(false, Ordering::SeqCst) {
            std::hint::spin_loop();
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
