//! Mistake: loading every document first, then transforming and saving each.
//! class: fixture — with no name repeated, reading everything first saves the same texts.
//!
//! It looks tidy, even careful: read all the inputs first, so that a missing one fails
//! the batch before anything is written. But now the steps run out of order. The second
//! `notes` is loaded before the first `notes` is saved, so it starts from the old text
//! and the first edit is lost; and a failed load later in the list means the documents
//! before it, loaded fine, are never saved.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut texts = Vec::with_capacity(names.len());
    for name in names {
        texts.push(steps.load(name).await?);
    }
    for (name, text) in names.iter().zip(texts) {
        let edited = steps.transform(text).await;
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
