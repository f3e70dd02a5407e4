//! Mistake: carrying on when the load fails.
//! class: path — every step succeeds in the happy path; only a failed load shows it.
//!
//! `unwrap_or_default()` feels robust ("an empty document beats an error"), but it turns
//! a failed read into a write: the job transforms an empty text and saves it under a
//! name that was never loaded, overwriting whatever was there, and then tells the
//! caller that all went well.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await.unwrap_or_default();
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
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
