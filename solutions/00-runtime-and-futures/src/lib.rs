//! Reference solution for exercise 00: a leaf future that stores its waker, and the
//! smallest executor that honours wakers.
//!
//! The private parts are `pub(crate)` so that a mistake in `mistakes/` can replace one
//! half of the latch and take the other half, and the shared state, from here.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// What the two halves of a latch share.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// Set by `open`, never unset.
    pub(crate) open: bool,
    /// The waker of the last poll of `Wait` that returned `Pending`.
    pub(crate) waker: Option<Waker>,
}

/// Opens the latch. See [`latch`].
#[derive(Debug)]
pub struct Opener {
    pub(crate) shared: Arc<Mutex<Shared>>,
}

/// A future that finishes once the latch is open. See [`latch`].
#[derive(Debug)]
pub struct Wait {
    pub(crate) shared: Arc<Mutex<Shared>>,
}

/// A closed latch: the half that opens it, and the future that waits for it.
pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (
        Opener {
            shared: shared.clone(),
        },
        Wait { shared },
    )
}

// ANCHOR: latch
impl Opener {
    /// Opens the latch and wakes the task waiting in [`Wait`], if any.
    pub fn open(self) {
        let waker = {
            let mut shared = lock(&self.shared);
            shared.open = true;
            shared.waker.take()
        };
        // The flag is set first, under the lock `poll` checks it under: on a
        // multi-thread runtime the woken task may be polled on another thread at once,
        // before `open` has even returned, and it must find the latch open. Wake after
        // the lock is released, since that task's first act is to lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Checking the flag and storing the waker under one lock is what makes this
        // race-free: an `open` on another thread happens either before (we see the
        // flag) or after (it finds our waker). Nothing can fall in between.
        let mut shared = lock(&self.shared);
        if shared.open {
            return Poll::Ready(());
        }
        // Keep the waker of *this* poll: the future may have moved to another task, or
        // into a combinator that gives it a waker of its own (`FuturesUnordered`), since
        // the last one. `clone_from` skips the clone when the stored waker already wakes
        // the same task. Never wake the old one: if it is this task's, that is a busy
        // loop.
        match &mut shared.waker {
            Some(waker) => waker.clone_from(cx.waker()),
            empty => *empty = Some(cx.waker().clone()),
        }
        // Pending with the waker stored: the executor can now forget us, at no cost,
        // until `open` wakes it.
        Poll::Pending
    }
}

// ANCHOR: cancel
impl Drop for Wait {
    /// Dropping a `Wait` cancels the wait: take its waker back, so that the cancelled
    /// task is not kept alive by the shared state for as long as the `Opener` lives,
    /// and `open` does not wake a task that no longer waits.
    fn drop(&mut self) {
        lock(&self.shared).waker = None;
    }
}
// ANCHOR_END: cancel
// ANCHOR_END: latch

/// Locks the shared state. A poisoned lock (some code panicked while holding it) is used
/// all the same: each update of `Shared` is one assignment, so the state is never half
/// done, and `Drop for Wait` must not panic (a panic while unwinding aborts).
pub(crate) fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

// ANCHOR: block_on
/// Wakes the thread sleeping in [`block_on`].
pub(crate) struct Unparker(pub(crate) Thread);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    // The thread to wake is *this* one, the one that will park; `thread::current()`
    // inside `wake` would name the waking thread instead.
    let waker = Waker::from(Arc::new(Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // Sleep until woken. An `unpark` that came during `poll` is kept as a
            // token, so `park` returns at once and no wake-up is lost. `park` may
            // also return for no reason; then we just poll again, which is harmless.
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on
