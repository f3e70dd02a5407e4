//! Mistake: retrying a failed save once, silently, before returning its error.
//! class: other-side — the error returned is the right one; only the saves the store
//! received show the second write.
//!
//! "Saves go over the network and are flaky: give it a second chance." But the job is
//! load, transform, save, not save, save: a retry is the caller's decision (it knows
//! whether a write may be repeated), and against a real store a second write can be a
//! duplicate side effect, or double the time before the caller hears of the failure.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    match steps.save(name, edited.clone()).await {
        Ok(()) => Ok(()),
        Err(_) => steps.save(name, edited).await,
    }
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
