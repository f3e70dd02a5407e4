//! Mistake: each step run to its end with a hand-made `block_on`, inside the job.
//! class: other-side — only the step's future sees who polls it, and with what.
//!
//! Found by round 6's attack, which the tests of the time did not stop: they hung for
//! real. "Steps one after another, so run each one to the end right here." `block_on`
//! parks the thread until the step wakes it, but the step waits for a timer, and the
//! timers of a tokio runtime are fired by the thread that runs its tasks: this one,
//! now parked. Nothing ever wakes it (on the paused clock time never moves on either).
//! The spec's fakes note the task's waker and fail at once when a step is polled with
//! another, before the thread parks.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake};
use std::thread::{self, Thread};

// ANCHOR: mistake
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `fut` to its end on this thread, parking it while `fut` waits.
fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    let waker = Arc::new(Unpark(thread::current())).into();
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(value) = fut.as_mut().poll(&mut cx) {
            return value;
        }
        thread::park();
    }
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = block_on(steps.load(name))?;
    let edited = block_on(steps.transform(text));
    block_on(steps.save(name, edited))
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
