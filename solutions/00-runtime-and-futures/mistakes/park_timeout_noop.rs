//! Mistake: `block_on` polls with `Waker::noop()` and sleeps in `park_timeout(1 ms)`.
//! class: fixture — `park` is the right call, and the fixture's wake came before the
//! first timeout ran out; only a wake held back shows that the timeout, not the waker,
//! brings `block_on` back. (From the reviewer's attack, where it passed every test.)
//!
//! The "responsive" version of the timed loop: a 1 ms timeout looks harmless. But
//! nobody ever unparks this thread, so it is a poll every millisecond, a thousand a
//! second, for as long as the future waits: a slow spin.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

// ANCHOR: mistake
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        thread::park_timeout(Duration::from_millis(1));
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
