//! Mistake: looking the document up by the trimmed name, saving it under the name given.
//! class: fixture — with no spaces in any name, the two names are the same.
//!
//! "Be lenient in what you accept": `load(name.trim())` finds `notes` when asked for
//! `"notes "`. Now the job reads one document and writes another: `"notes "` is
//! overwritten with an edit of `notes`' text.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name.trim()).await?;
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
