//! Another correct way: no `async fn` at all. `process` is a plain `fn` returning an
//! `async move` block, and `process_all` recurses on the head and the rest of `names`.
//!
//! An `async fn` is sugar for exactly the first: a function that returns a future and
//! runs none of its body until that future is polled. A recursive future would have
//! infinite size, so `process_all` boxes it (`Box::pin`); each level awaits one
//! document completely before it builds the level for the rest, so the order, the stop
//! at the first error, and dropping part-way all behave as in the reference.

use std::pin::Pin;

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

// On purpose: this is what an `async fn` is sugar for.
#[allow(clippy::manual_async_fn)]
pub fn process<'a>(
    steps: &'a impl Steps,
    name: &'a str,
) -> impl Future<Output = Result<(), StepError>> + 'a {
    async move {
        let edited = steps.transform(steps.load(name).await?).await;
        steps.save(name, edited).await
    }
}

// ANCHOR: process_all
pub fn process_all<'a, S: Steps>(
    steps: &'a S,
    names: &'a [&'a str],
) -> Pin<Box<dyn Future<Output = Result<(), StepError>> + 'a>> {
    Box::pin(async move {
        match names.split_first() {
            None => Ok(()),
            Some((first, rest)) => {
                process(steps, first).await?;
                process_all(steps, rest).await
            }
        }
    })
}
// ANCHOR_END: process_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
