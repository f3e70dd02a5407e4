//! Mistake: `block_on`'s waker unparks the thread that calls `wake`, not the one that
//! sleeps in `block_on`.
//! class: fixture — with futures that wake themselves the waking thread *is* the
//! sleeping one, so both give the same answer; only a wake from another thread tells
//! them apart. (The reviewer's attack wrote it too.)
//!
//! Tempting because `thread::current()` is right there in `wake`, and it works as long
//! as futures only wake themselves. The first wake from another thread, as when I/O
//! completes, unparks that other thread, and `block_on` sleeps forever.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

// ANCHOR: mistake
struct Unparker;

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        thread::current().unpark();
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unparker));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
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
