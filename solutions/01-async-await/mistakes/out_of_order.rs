//! Mistake: loading every document first, then transforming and saving each.
//!
//! It looks tidy, even careful: read all the inputs first, so that a missing one fails
//! the batch before anything is written. But now the steps run out of order. The second
//! `notes` is loaded before the first `notes` is saved, so it starts from the old text
//! and the first edit is lost; and a failed load later in the list means the documents
//! before it, loaded fine, are never saved.

use std::fmt;
use std::future::Future;

/// Why a step failed. The tests decide which steps fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError(pub String);

/// The three steps of the job. The tests implement them with fakes that take time and
/// record what they are asked to do; you only call them.
pub trait Steps {
    /// Reads the document `name`; fails if there is no such document.
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send;

    /// Rewrites a document's text (slowly: think of a formatter behind a network call).
    fn transform(&self, text: String) -> impl Future<Output = String> + Send;

    /// Writes `text` as the document `name`; can fail too.
    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send;
}

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
}

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

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StepError {}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
