//! Mistake: processing at most 1024 names, a cap above every batch the tests once gave.
//! class: fixture — found by round 9's attack: the largest batch was 1000 names, so a
//! cap of 1024 cut none.
//!
//! "No one sends more than a thousand documents; 1024 is plenty." Nothing in the task
//! caps a batch: the names past the cap are silently dropped, and the caller is told
//! `Ok(())`. (`batch_cap.rs` is the same with 16.)

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    for name in names.iter().take(1024) {
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
