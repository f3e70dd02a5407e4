//! Mistake: an await written by hand, which polls each step with a waker that does
//! nothing and yields in between.
//! class: other-side — only the step's future sees who polls it, and with what.
//!
//! Found by round 6's attack, which the tests of the time did not stop: they hung. "I
//! will look again until it is done, and yield so that others can run." The steps
//! finish only when their timers fire, and the runtime fires timers (or, on the
//! paused clock, moves time on) only when every task waits; this task never waits: it
//! wakes itself at once every time. And the step cannot wake it when it is ready,
//! since it was given `Waker::noop()`. The spec's fakes note the task's waker and
//! fail at once when a step is polled with another.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: mistake
/// Polls `fut` until it is ready, yielding between looks.
async fn wait<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = pin!(fut);
    loop {
        let polled = fut.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        if let Poll::Ready(value) = polled {
            return value;
        }
        yield_now().await;
    }
}

/// Returns `Pending` once, waking itself: "let the others run".
async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = wait(steps.load(name)).await?;
    let edited = wait(steps.transform(text)).await;
    wait(steps.save(name, edited)).await
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
