//! Mistake: the save is called but never awaited.
//!
//! It reads like JavaScript, where calling an async function starts it ("the save can
//! finish on its own, why wait?"), or like a forgotten `await` in Python. In Rust the
//! call only builds a future; the `;` drops it unpolled, the document is never written,
//! and `process` still reports `Ok(())`.

// rustc warns about exactly this bug: "unused implementer of `Future` that must be
// used ... futures do nothing unless you `.await` or poll them". The workspace makes
// that warning an error, so this file has to switch it off to show the bug at all.
#![allow(unused_must_use)]

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

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited); // no `.await`: this builds the save and drops it
    Ok(())
}
// ANCHOR_END: mistake

pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        process(steps, name).await?;
    }
    Ok(())
}

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
