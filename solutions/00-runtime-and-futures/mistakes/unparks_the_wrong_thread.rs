//! Mistake: `block_on`'s waker unparks the thread that calls `wake`, not the one that
//! sleeps in `block_on`.
//!
//! Tempting because `thread::current()` is right there in `wake`, and it works as long
//! as futures only wake themselves (the waking thread *is* the sleeping one). The
//! first wake from another thread, as when I/O completes, unparks that other thread,
//! and `block_on` sleeps forever.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

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

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (
        Opener {
            shared: shared.clone(),
        },
        Wait { shared },
    )
}

impl Opener {
    pub fn open(self) {
        let waker = {
            let mut shared = self.shared.lock().unwrap();
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
        let mut shared = self.shared.lock().unwrap();
        if shared.open {
            return Poll::Ready(());
        }
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

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

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
