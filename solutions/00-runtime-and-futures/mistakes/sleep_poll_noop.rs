//! Mistake: `block_on` polls with `Waker::noop()` and naps 10 ms between polls.
//! class: fixture — a wake that comes within microseconds finds the nap still running,
//! so no poll comes early; only a wake held back for longer shows the timer.
//! (From the reviewer's attack, where it passed every test.)
//!
//! The event loop a Python programmer writes around `select()` with a timeout: "poll,
//! and if nothing is ready, check again in a moment". It returns the right answer, but
//! it polls a hundred times a second while it waits, and it answers every wake up to
//! 10 ms late, because the waker it gives the future wakes nobody.

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
        thread::sleep(Duration::from_millis(10)); // "check again in a moment"
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
