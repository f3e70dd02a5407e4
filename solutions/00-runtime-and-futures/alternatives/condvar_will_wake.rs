//! Another correct way: a `block_on` that sleeps on a `Condvar` with a `notified` flag
//! instead of `park`, a `poll` that skips the clone when `will_wake` says the stored
//! waker already wakes this task, and an `open` that wakes while it holds the lock.
//!
//! Why it is also correct: the flag turns the condition variable into a memory, so a
//! wake that comes during `poll`, before anyone waits, is not lost (a bare `Condvar`
//! forgets a notify that nobody was waiting for). The waker is still replaced whenever
//! it would wake another task. And waking under the lock is allowed: whoever the wake
//! makes poll `Wait` has to wait for the lock, and by then the flag is set. (Waking
//! after the unlock, as the reference does, only spares that task the wait.)

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

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

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opener = Opener {
        shared: Arc::clone(&shared),
    };
    (opener, Wait { shared })
}

impl Opener {
    pub fn open(self) {
        let mut shared = lock(&self.shared);
        shared.open = true;
        if let Some(waker) = shared.waker.take() {
            waker.wake(); // under the lock: allowed, the flag is already set
        }
    }
}

// ANCHOR: will_wake
impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = lock(&self.shared);
        if shared.open {
            return Poll::Ready(());
        }
        match &mut shared.waker {
            // The same task as last time: the stored waker will do.
            Some(stored) if stored.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}
// ANCHOR_END: will_wake

impl Drop for Wait {
    fn drop(&mut self) {
        lock(&self.shared).waker = None;
    }
}

/// A wake-up that is remembered until `block_on` takes it.
#[derive(Default)]
struct Signal {
    notified: Mutex<bool>,
    wake_up: Condvar,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        *lock(&self.notified) = true;
        self.wake_up.notify_one();
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = Box::pin(future);
    let signal = Arc::new(Signal::default());
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        let mut notified = lock(&signal.notified);
        while !*notified {
            notified = signal
                .wake_up
                .wait(notified)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *notified = false;
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
