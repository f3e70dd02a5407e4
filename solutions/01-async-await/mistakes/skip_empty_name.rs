//! Mistake: skipping empty names (Python's `if not name: continue`).
//! class: boundary — the empty name; every other name is processed as it should be.
//!
//! "Blank entries come from trailing commas in the config." Perhaps; but whether `""`
//! names a document is for `load` to decide, not for the loop. Here there is no such
//! document, so the load fails and the batch must stop there; skipping it instead
//! reports success and goes on to edit `todo`, which comes after the failure.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names {
        if name.is_empty() {
            continue;
        }
        process(steps, name).await?;
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
