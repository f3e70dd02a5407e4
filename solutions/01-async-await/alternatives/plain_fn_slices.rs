//! Another correct way: no `async fn` at all. `process` and `process_all` are plain
//! `fn`s returning `async move` blocks, and `process_all` peels one name off the front
//! of the slice each time round (`while let [first, rest @ ..]`).
//!
//! An `async fn` is sugar for exactly this: a function that returns a future and runs
//! none of its body until that future is polled. The future is `Send` whenever what it
//! holds across its `.await`s is (the steps' futures, and `&S` when the steps are
//! `Sync`), with no bound written anywhere: unlike a recursive `Box<dyn Future>` (see
//! the mistake `boxed_recursion_not_send`), a loop keeps that.

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

// ANCHOR: process_all
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

#[allow(clippy::manual_async_fn)]
pub fn process_all<'a>(
    steps: &'a impl Steps,
    names: &'a [&'a str],
) -> impl Future<Output = Result<(), StepError>> + 'a {
    async move {
        let mut names = names;
        while let [first, rest @ ..] = names {
            process(steps, first).await?;
            names = rest;
        }
        Ok(())
    }
}
// ANCHOR_END: process_all

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
