//! Mistake: skipping the save when the transform gives the text back unchanged.
//! class: fixture — the fake's transform changed every text the tests gave it, so the
//! shortcut never fired; a text that is already finished shows it.
//!
//! "Nothing changed, so there is nothing to write." But the task is load, transform,
//! save, with the save called once per document whatever the transform returned: the
//! caller is told `Ok(())`, the document processed, and the store never received it
//! (a store may stamp, version or index every save it receives).

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text.clone()).await;
    if edited == text {
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
