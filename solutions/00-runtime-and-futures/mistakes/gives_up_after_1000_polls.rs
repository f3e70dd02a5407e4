//! Mistake: `block_on` panics when the future is still not Ready after 1000 polls.
//! class: fixture — a cap above every count of polls the tests needed passes them
//! all; only a future that needs more polls than the cap shows it. (From the second
//! reviewer's attack, where it passed every test.)
//!
//! "Guard against a stuck future" sounds prudent. But `block_on` cannot tell a stuck
//! future from a busy one: a future that yields after every item of a long stream needs
//! a poll per item. And a stuck future is not polled at all: it waits for a wake.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::thread;

// ANCHOR: mistake
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(reference::Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    // Guard against a future that never finishes.
    for _ in 0..1000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        thread::park();
    }
    panic!("block_on: the future was polled 1000 times and is still not ready")
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
