//! Mistake: `Wait` wakes its own task every time it returns Pending.
//!
//! Tempting because it works: the countdown in the chapter wakes itself too, and the
//! latch does open in the end. But the countdown makes progress at every poll; a
//! closed latch does not. The executor polls `Wait` again at once, finds it closed,
//! and again, forever: a busy loop that burns a core and, on a current-thread runtime,
//! keeps the task that would open the latch (and the timer) from ever running.

// rustc warns about exactly this bug: "field `waker` is never read". Nothing stores
// the waker, so nothing can wake the task. Allowed here so that the tests show it.
#![allow(dead_code)]

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
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

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (
        Opener {
            shared: shared.clone(),
        },
        Wait { shared },
    )
}

// ANCHOR: mistake
impl Opener {
    pub fn open(self) {
        self.shared.lock().unwrap().open = true;
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.shared.lock().unwrap().open {
            return Poll::Ready(());
        }
        // "Not yet: poll me again." The executor does, right away.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: mistake

struct Unparker(Thread);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as runtime_and_futures;
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
