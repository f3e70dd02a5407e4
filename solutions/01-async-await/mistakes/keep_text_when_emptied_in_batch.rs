//! Mistake: writing the batch's loop out in full and, there, saving the loaded text when
//! the transform returns `""`.
//! class: boundary — `""` as data: `process` alone is right; only a batch with a text
//! the transform empties shows it.
//!
//! "`process_all` does the three steps itself, and an empty result means keep the
//! original" (Python's `edited or text`). In the batch, the one text the transform
//! empties is `""` itself, where the two agree; `"wipe"`'s `"   "` becomes `""`, and
//! that is what must be saved.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for &name in names {
        let text = steps.load(name).await?;
        let edited = steps.transform(text.clone()).await;
        let edited = if edited.is_empty() { text } else { edited };
        steps.save(name, edited).await?;
    }
    Ok(())
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
