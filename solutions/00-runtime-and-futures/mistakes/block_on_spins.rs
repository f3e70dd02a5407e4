//! Mistake: `block_on` polls in a loop with a waker that wakes nobody.
//! class: other-side — the output is right every time; only the future, polled again
//! and again while nobody had woken it, sees the spin.
//!
//! Tempting because it is the shortest `block_on` there is, `Waker::noop()` is right
//! there in std, and every test that only checks the output passes: the future is
//! Ready in the end. But an executor that polls without being woken is a busy loop:
//! while the future waits (for a timer, a socket, another thread) it burns a whole core
//! asking "done yet?" millions of times a second. The waker is how a future says
//! "now": with one that wakes nobody, polling again and again is the only way left.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: mistake
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        // "Not ready? Ask again." Nothing ever tells this loop that it is worth asking.
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
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
