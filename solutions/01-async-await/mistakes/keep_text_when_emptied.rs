//! Mistake: saving the loaded text when the transform returns `""`.
//! class: boundary — `""` as data: every non-empty result is saved right.
//!
//! "An empty result means the transform had nothing to say, so keep the original" (as
//! Python's `edited or text` would). But `""` is what the transform made of the
//! document, and the job saves what the transform returns: here the document keeps a
//! text the transform replaced.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text.clone()).await;
    let edited = if edited.is_empty() { text } else { edited };
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
