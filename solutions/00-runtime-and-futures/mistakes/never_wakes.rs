//! Mistake: `Wait` returns Pending without storing the waker, and `open` wakes no one.
//!
//! Tempting for anyone used to a loop that checks on things by itself: surely the
//! executor will come back and poll again? It will not. After `Pending` a task sleeps
//! until its waker is woken, and nothing here ever wakes it: the task hangs forever.

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

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.shared.lock().unwrap().open {
            Poll::Ready(())
        } else {
            Poll::Pending // and then? Nobody will ever poll us again.
        }
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
