//! Mistake: `block_on` polls once per wake: each wake sends a message on a channel, and
//! each message brings a poll.
//! class: fixture — the tests' futures woke once per poll, where one poll per wake and
//! one poll per batch of wakes coincide; only wakes that come together show the extra
//! polls. (From the second reviewer's attack, where it passed every test.)
//!
//! A channel is a fine way to sleep until woken (the worked example uses one). But a
//! wake means "poll me again", not "poll me once for each wake": three wakes during one
//! poll ask for one more poll. Here they bring three, two of them with nothing to do.
//! Empty the channel before you poll, or give it room for one message.

use std::future::Future;
use std::pin::pin;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

// ANCHOR: mistake
/// Sends one message to `block_on` per wake.
struct Notify(Mutex<Sender<()>>);

impl Wake for Notify {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let _ = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send(());
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let (wakes, woken) = mpsc::channel();
    let waker = Waker::from(Arc::new(Notify(Mutex::new(wakes))));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Wait for a wake. (The sender lives in our own waker, so this never fails.)
        let _ = woken.recv();
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
