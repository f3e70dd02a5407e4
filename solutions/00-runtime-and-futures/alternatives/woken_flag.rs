//! Another correct way: a `block_on` whose waker sets a `woken` flag before it unparks,
//! and which parks until that flag is set; a latch that wakes by reference outside the
//! lock and clears its waker when it is Ready, too.
//!
//! Why it is also correct: `park` may return with no unpark (its docs allow it) and an
//! old unpark token may linger; the flag makes `block_on` poll only after a real wake,
//! so neither costs a poll. A wake during `poll` sets the flag, so the loop does not
//! park at all. Everything the latch must do is here; the extra clean-up on Ready is
//! allowed, since nothing needs the waker once the latch is open.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

#[derive(Debug, Default)]
struct Shared {
    open: bool,
    waker: Option<Waker>,
}

#[derive(Debug)]
pub struct Opener {
    shared: Arc<Mutex<Shared>>,
}

#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn latch() -> (Opener, Wait) {
    let opener = Opener {
        shared: Arc::default(),
    };
    let wait = Wait {
        shared: Arc::clone(&opener.shared),
    };
    (opener, wait)
}

impl Opener {
    pub fn open(self) {
        let mut shared = lock(&self.shared);
        shared.open = true;
        let waker = shared.waker.take();
        drop(shared);
        waker.inspect(Waker::wake_by_ref);
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = lock(&self.shared);
        if shared.open {
            shared.waker = None;
            return Poll::Ready(());
        }
        shared.waker.replace(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        lock(&self.shared).waker = None;
    }
}

struct Unparker {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

// ANCHOR: woken_flag
pub fn block_on<F: Future>(future: F) -> F::Output {
    let unparker = Arc::new(Unparker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(Arc::clone(&unparker));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Park until a real wake: a spurious return, or a stale token, parks again.
        while !unparker.woken.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
}
// ANCHOR_END: woken_flag

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
