//! Another correct way: each step awaited by hand, through `std::future::poll_fn`.
//!
//! What `.await` does for one step, written out: poll the step with the `Context` this
//! future was polled with, and when it says `Pending`, return `Pending` at once. The
//! step has registered that `Context`'s waker, and wakes the task when it is ready;
//! until then there is nothing to look at. Contrast the mistakes `busy_poll` (a waker
//! of its own), `self_waking_poll` (a wake with nothing to wait for), `spin_in_one_poll`
//! and `spin_before_pending` (more looks inside one poll).
//!
//! Round 11: written by the attack as a correct solution in a style the unit lacked.

use std::future::Future;
use std::pin::pin;

// ANCHOR: process
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let mut load = pin!(steps.load(name));
    let text = std::future::poll_fn(|cx| load.as_mut().poll(cx)).await?;
    let mut transform = pin!(steps.transform(text));
    let edited = std::future::poll_fn(|cx| transform.as_mut().poll(cx)).await;
    let mut save = pin!(steps.save(name, edited));
    std::future::poll_fn(|cx| save.as_mut().poll(cx)).await
}
// ANCHOR_END: process

pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        process(steps, name).await?;
    }
    Ok(())
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
