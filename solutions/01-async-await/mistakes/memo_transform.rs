//! Mistake: remembering each transform's result by text, so a text seen before is not
//! transformed again.
//! class: other-side — every document ends up as it should; only the transforms the
//! formatter received show that a repeated text was never sent.
//!
//! "The transform is slow and the same text gives the same result, so cache it." But
//! the transform is a step of the job, called once per document: this job cannot know
//! that the formatter would answer the same (its rules may have changed, or it counts
//! what it formats), and the task says to call each step once per document.

use std::collections::HashMap;

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut edits: HashMap<String, String> = HashMap::new();
    for &name in names {
        let text = steps.load(name).await?;
        let edited = match edits.get(&text) {
            Some(edited) => edited.clone(),
            None => steps.transform(text.clone()).await,
        };
        edits.insert(text, edited.clone());
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
