//! Mistake: `block_on` polls with `Waker::noop()` and checks again every 250 ms.
//! class: fixture — a nap longer than the test holds a wake back never polls early;
//! only many wakes in a row, each answered a whole nap late, show the pace.
//!
//! "Check four times a second" is how a Python programmer might watch a job from a
//! thread. It never spins, and a single wake costs at most a quarter of a second. But it
//! is a timer, not a sleep until woken: a future that needs twenty wakes takes five
//! seconds instead of a few microseconds, and one that waits a day is polled 345,600
//! times.

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
        thread::sleep(Duration::from_millis(250));
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
