//! Reference solution for exercise 01: `async def` steps run in order with `await`.
//!
//! `process_all` calls `crate::process`, so that a mistake in `mistakes/` that replaces
//! only `process` is run by the batch too, as a learner's own `process_all` runs theirs.

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

// ANCHOR: process
/// Loads, transforms and saves the document `name`, one step after another.
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    // Each step needs the value the one before returned, so there is nothing to run at
    // the same time: `.await` lets each finish before the next is even created. While
    // a step waits, this task is suspended and its thread runs other tasks.
    //
    // `?` on a failed load returns here: the transform and save futures are never
    // built, so nothing can overwrite the document.
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    // The save's `Result` is ours to return; dropping it would report success for a
    // document that was never written.
    steps.save(name, edited).await
}
// ANCHOR_END: process

// ANCHOR: process_all
/// Processes every name in order; stops at the first error.
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    // Sequential on purpose: a name may come back, and its second run must load what
    // the first one saved. A caller that drops this future (a timeout, say) stops it at
    // the step it is waiting in; the documents already saved stay saved.
    for name in names {
        crate::process(steps, name).await?;
    }
    Ok(())
}
// ANCHOR_END: process_all

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StepError {}
