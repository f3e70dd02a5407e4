//! Mistake: skipping the save when the transformed text is empty.
//! class: boundary — `""` as data: every non-empty result is saved right.
//!
//! "An empty result means there is nothing to write." But `""` is a text like any other:
//! the transform decided what the document becomes, and the job must save it. Here the
//! caller is told `Ok(())` and the store never received the save.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    if edited.is_empty() {
        return Ok(());
    }
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
