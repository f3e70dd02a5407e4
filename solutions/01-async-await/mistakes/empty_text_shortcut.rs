//! Mistake: returning early when the loaded text is empty (Python's `if not text: return`).
//! class: boundary — the empty document; every document with text is processed right.
//!
//! "Nothing to format, so skip the slow transform and the save." But the transform
//! decides what an empty text becomes (a template, a header, here `", edited"`), and
//! the caller is told `Ok(())`, the document processed, when it was never written.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    if text.is_empty() {
        return Ok(());
    }
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
