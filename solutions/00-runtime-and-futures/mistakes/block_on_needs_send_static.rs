//! Mistake: `block_on` keeps the future in a task shared with the waker, as the async
//! book's executor does, and adds the `Send + 'static` bounds that asks for.
//! class: fixture — every other test's future is `Send` and owns what it uses (they
//! run on a watchdog thread); only a future that holds an `Rc` and borrows a local
//! shows the bounds. (From the fifth reviewer's attack, where it passed every test.)
//!
//! The "build an executor" tutorial keeps each future in an `Arc<Task>` that is also
//! its waker, so that waking re-queues it for a pool of threads: the future must then
//! be `Send + 'static`. `block_on` polls one future on the thread that called it; only
//! the waker crosses threads, and it needs to hold no more than a `Thread`. With the
//! bounds, `block_on` refuses futures its signature takes: any that holds an `Rc`, a
//! `RefCell` borrow or a `MutexGuard` across a wait, or that borrows a local.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: mistake
/// The future and the thread to wake, shared by `block_on` and the waker.
struct Task<T> {
    future: Mutex<Pin<Box<dyn Future<Output = T> + Send + 'static>>>,
    thread: Thread,
}

impl<T> Wake for Task<T> {
    fn wake(self: Arc<Self>) {
        self.thread.unpark();
    }
}

pub fn block_on<F>(future: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let task = Arc::new(Task {
        future: Mutex::new(Box::pin(future)),
        thread: thread::current(),
    });
    let waker = Waker::from(task.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = task.future.lock().unwrap().as_mut().poll(&mut cx) {
            return output;
        }
        thread::park();
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as runtime_and_futures;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/00-runtime-and-futures/tests/spec.rs"]
mod spec;
