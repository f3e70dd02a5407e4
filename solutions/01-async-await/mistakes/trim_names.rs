//! Mistake: trimming each name before processing it.
//! class: fixture — no name in the tests had spaces around it, so trimming changed none.
//!
//! "Names come from a file, so strip stray whitespace" (Python's `name.strip()`). But a
//! name is the key of a document, byte for byte: `"notes "` is not `"notes"`. Trimmed,
//! the job edits a document nobody asked for (here `notes`, twice) and never loads the
//! one that was named.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        process(steps, name.trim()).await?;
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
