//! Another correct way: a `block_on` that sleeps on a channel with room for one
//! message (`sync_channel(1)`), whose waker puts a token in it with `try_send`; and a
//! `poll` that returns Pending from inside the closed branch, replacing the waker with
//! `Option::replace`. (From the second reviewer's attack.)
//!
//! Why it is also correct: a wake that comes during `poll` waits in the slot, so `recv`
//! returns at once and no wake is lost; a second wake before the next poll finds the
//! slot full and `try_send` drops it, so wakes that come together ask for one poll, as
//! `park`'s single token does. `recv` blocks with no timeout, so nothing but a wake
//! brings a poll.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

/// What the two halves of a latch share.
#[derive(Debug, Default)]
struct Shared {
    /// Set by `open`, never unset.
    open: bool,
    /// The waker of the last poll of `Wait` that returned `Pending`.
    waker: Option<Waker>,
}

/// Opens the latch. See [`latch`].
#[derive(Debug)]
pub struct Opener {
    shared: Arc<Mutex<Shared>>,
}

/// A future that finishes once the latch is open. See [`latch`].
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A closed latch: the half that opens it, and the future that waits for it.
pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opener = Opener {
        shared: Arc::clone(&shared),
    };
    (opener, Wait { shared })
}

impl Opener {
    /// Opens the latch and wakes the task waiting in [`Wait`], if any.
    pub fn open(self) {
        let waker = {
            let mut shared = lock(&self.shared);
            shared.open = true;
            shared.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = lock(&self.shared);
        if !shared.open {
            let fresh = cx.waker().clone();
            // Replace the older waker; dropping it wakes nobody.
            drop(shared.waker.replace(fresh));
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

impl Drop for Wait {
    /// A dropped `Wait` is a cancelled wait: take the waker out of the shared state.
    fn drop(&mut self) {
        let waker = lock(&self.shared).waker.take();
        drop(waker);
    }
}

// ANCHOR: one_slot
/// Puts a token in a channel of one slot; a full slot means "already woken".
struct Token(std::sync::mpsc::SyncSender<()>);

impl Wake for Token {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let _ = self.0.try_send(());
    }
}

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let (tokens, woken) = std::sync::mpsc::sync_channel(1);
    let waker = Waker::from(Arc::new(Token(tokens)));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // The sender lives in `waker`, so `recv` cannot fail while we hold it.
            Poll::Pending => woken.recv().expect("our own waker holds the sender"),
        }
    }
}
// ANCHOR_END: one_slot

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
