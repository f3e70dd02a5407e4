//! Another correct way: `match` instead of `?`, and a `while` loop over indices.
//!
//! This is what `?` stands for, written out: each `Err` is returned at once, before the
//! next step is built, and the loop only moves on after `process` has returned `Ok`.
//! The order, the early return and the single call of each step are the reference's.

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

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StepError {}

// ANCHOR: process
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = match steps.load(name).await {
        Ok(text) => text,
        Err(error) => return Err(error),
    };
    let edited = steps.transform(text).await;
    match steps.save(name, edited).await {
        Ok(()) => Ok(()),
        Err(error) => Err(error),
    }
}
// ANCHOR_END: process

// Written out on purpose: this is what `?` stands for.
#[allow(clippy::question_mark)]
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut next = 0;
    while next < names.len() {
        if let Err(error) = process(steps, names[next]).await {
            return Err(error);
        }
        next += 1;
    }
    Ok(())
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
