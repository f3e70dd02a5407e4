//! Mistake: `block_on` sleeps in `park_timeout(1 s)` "just in case a wake gets lost".
//! class: fixture — the waker unparks the right thread, so every wake is answered at
//! once; only a wake held back for longer than the timeout shows the extra polls.
//! (From the second reviewer's attack, where it passed every test.)
//!
//! A safety net that catches nothing: an `unpark()` that comes before `park()` is kept,
//! so no wake is lost, and a future that nobody wakes is not ready either. The timeout
//! only adds a poll every second, for as long as the future waits: a slow timer.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

// ANCHOR: mistake
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(reference::Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Just in case a wake gets lost: never sleep more than a second.
        thread::park_timeout(Duration::from_secs(1));
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
