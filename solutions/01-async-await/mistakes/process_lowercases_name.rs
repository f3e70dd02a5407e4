//! Mistake: `process` lower-cases the name it is given, for the load and the save.
//! class: bad-argument — found by round 11's attack: only `process_all` was ever given
//! `"Notes"`, so lower-casing in `process` alone went unseen when `process_all` ran
//! the steps itself. (`lowercase_names` is the same slip in `process_all`.)
//!
//! "Names are case-insensitive." Not here: a name is a document's key, byte for byte,
//! and `process("Notes")` edits `notes`, a document nobody asked for, and never loads
//! `Notes`.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let name = name.to_lowercase();
    let text = steps.load(&name).await?;
    let edited = steps.transform(text).await;
    steps.save(&name, edited).await
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
