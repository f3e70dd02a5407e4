//! Mistake: lower-casing each name before processing it.
//! class: fixture — no name in the tests had a capital letter, so lower-casing changed
//! none.
//!
//! "Names are case-insensitive, so normalise them." But a name is the key of a
//! document, byte for byte: `"Notes"` is not `"notes"`. Lower-cased, the job edits a
//! document nobody asked for and never loads the one that was named.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        process(steps, &name.to_lowercase()).await?;
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
