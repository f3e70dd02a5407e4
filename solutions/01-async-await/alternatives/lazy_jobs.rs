//! Another correct way: the batch as an iterator of jobs, each awaited in turn.
//!
//! `names.iter().map(|name| process(steps, name))` looks as if it starts every job at
//! once; it starts none. Calling `process` only builds a future, and the iterator
//! builds each one only when the loop asks for it, after the one before has been
//! awaited to its end. So one document at a time, in order, and `?` stops the loop
//! before the next job is even built.

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

pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let edited = steps.transform(steps.load(name).await?).await;
    steps.save(name, edited).await
}

// ANCHOR: process_all
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let jobs = names.iter().map(|name| process(steps, name));
    for job in jobs {
        job.await?;
    }
    Ok(())
}
// ANCHOR_END: process_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
