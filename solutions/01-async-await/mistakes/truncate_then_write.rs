//! Mistake: "truncating" the document first, then writing the transformed text.
//! class: cancellation — dropped between its two saves, the job leaves the document empty.
//!
//! The `open(name, "w")` habit, with a reason that sounds good: an empty save fails fast
//! on a read-only document, before paying for the slow transform. But now there are two
//! writes, and the job can be stopped between them (a `timeout` around the call, say):
//! the document is then neither as it was nor processed, but empty. Every save also
//! costs twice.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    steps.save(name, String::new()).await?;
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
