//! Mistake: checking each document's result at the top of the next turn of the loop,
//! so the last document's result is never checked.
//! class: boundary — an error anywhere but at the last name is returned right.
//!
//! "Keep the result, and stop before the next name if it failed." Every failure with a
//! name after it stops the batch as it should; a failure at the last name is dropped
//! when the loop ends, and the caller is told `Ok(())` for a document that was never
//! loaded or never saved.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut result = Ok(());
    for name in names {
        result?;
        result = process(steps, name).await;
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
