//! Mistake: processing at most a fixed number of names.
//! class: fixture — no test gave more than four names, so a cap of 16 cut none.
//!
//! "Batches are small; take the first 16" (a fixed-size buffer, a page size, a guard
//! against runaway input). Nothing in the task caps a batch: the names after the cap
//! are silently dropped, and the caller is told `Ok(())`.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names.iter().take(16) {
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
