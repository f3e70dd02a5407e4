//! Mistake: `block_on` runs the future on a helper thread of its own and waits for it,
//! with the `Send` bounds that asks for.
//! class: fixture — every other test's future is `Send` (they run on a watchdog
//! thread); only a future that holds an `Rc` shows the bound. (From the fifth
//! reviewer's attack, where it passed every test.)
//!
//! "Blocking" is read as "block this thread while another does the work". But the task
//! is to run the future on the thread that calls `block_on`: the future may hold what
//! cannot leave that thread (an `Rc`, a `RefCell` borrow, a thread-local), and a thread
//! per call costs a spawn for nothing, since the caller only sleeps meanwhile. Sleep in
//! `block_on` itself, and poll there.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::thread;

// ANCHOR: mistake
pub fn block_on<F>(future: F) -> F::Output
where
    F: Future + Send,
    F::Output: Send,
{
    // Poll on a helper thread; this one only waits for the result.
    thread::scope(|scope| {
        let helper = scope.spawn(move || {
            let mut future = pin!(future);
            let waker = Waker::from(Arc::new(reference::Unparker(thread::current())));
            let mut cx = Context::from_waker(&waker);
            loop {
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
                thread::park();
            }
        });
        helper.join().expect("the helper thread panicked")
    })
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
