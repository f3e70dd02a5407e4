//! Another correct way: the flag in an `AtomicBool` beside a `Mutex<Option<Waker>>`,
//! with no lock around both (register, then look at the flag again); and a `block_on`
//! that sleeps on a channel of wake-ups, as the worked example's does.
//!
//! Why it is also correct: `open` sets the flag *before* it takes the waker, and `poll`
//! stores the waker *before* it looks at the flag a second time. Whatever the
//! interleaving, one of them sees the other: either `poll`'s second look finds the flag
//! (Ready), or `open` finds the waker (and wakes it). That is the pattern of
//! `futures::task::AtomicWaker`. A wake is a message in a queue, so a wake during `poll`
//! is waiting in the channel when `block_on` goes to `recv`; the messages that came with
//! it are emptied out before the next poll, so wakes that come together ask for one poll.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

#[derive(Debug, Default)]
struct Shared {
    open: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Shared {
    fn waker(&self) -> MutexGuard<'_, Option<Waker>> {
        self.waker.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Debug)]
pub struct Opener {
    shared: Arc<Shared>,
}

#[derive(Debug)]
pub struct Wait {
    shared: Arc<Shared>,
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Shared::default());
    let opener = Opener {
        shared: shared.clone(),
    };
    (opener, Wait { shared })
}

// ANCHOR: recheck
impl Opener {
    pub fn open(self) {
        // Flag first, then look for a waker: the mirror image of `poll`.
        self.shared.open.store(true, Ordering::SeqCst);
        let waker = self.shared.waker().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.shared.open.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        // Waker first, then look at the flag again: an `open` in between is seen now.
        *self.shared.waker() = Some(cx.waker().clone());
        if self.shared.open.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        Poll::Pending
    }
}
// ANCHOR_END: recheck

impl Drop for Wait {
    fn drop(&mut self) {
        *self.shared.waker() = None;
    }
}

/// Waking sends a message to the thread in `block_on`.
struct Sends(Sender<()>);

impl Wake for Sends {
    fn wake(self: Arc<Self>) {
        // `block_on` may have returned already; then nobody needs the message.
        let _ = self.0.send(());
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let (wake_ups, woken) = mpsc::channel();
    let waker = Waker::from(Arc::new(Sends(wake_ups)));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => {
                woken.recv().expect("`waker` holds a sender");
                while woken.try_recv().is_ok() {}
            }
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
