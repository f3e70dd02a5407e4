//! Another correct way: `process_all` splits the names in halves and recurses on each,
//! so the recursion is only log2(n) deep: 17 levels for 100 001 names.
//!
//! The mistake `recursive_batch` recurses once per name, and every poll goes down
//! through one future per name already done: a long batch overflows the stack. Halving
//! keeps the nesting logarithmic, while the order, the one-at-a-time and the stop at
//! the first error stay the reference's: the left half is awaited to its end (and its
//! error returned by `?`) before the right half's future is even built. Each level is
//! `Box::pin`ned, because a future cannot hold itself; the boxes are of the job's own
//! type, so the batch stays `Send` when the steps are `Sync`.
//!
//! Round 11: written by the attack as a correct solution in a style the unit lacked.

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
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
}

// ANCHOR: process_all
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    match names {
        [] => Ok(()),
        [name] => process(steps, name).await,
        _ => {
            let (left, right) = names.split_at(names.len() / 2);
            Box::pin(process_all(steps, left)).await?;
            Box::pin(process_all(steps, right)).await
        }
    }
}
// ANCHOR_END: process_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
