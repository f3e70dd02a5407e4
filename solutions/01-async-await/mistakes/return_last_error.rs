//! Mistake: trying every name and returning the last error (gather-style).
//! class: path — with the only failure last in the list it is right; a failure in the
//! middle shows it.
//!
//! `asyncio.gather(..., return_exceptions=True)`, made sequential: run everything, then
//! report how it went. It touches the documents after the failure, which the task
//! forbids, and with two failures it reports the later one, so the caller learns about
//! the wrong document first.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut result = Ok(());
    for name in names {
        if let Err(error) = process(steps, name).await {
            result = Err(error);
        }
    }
    result
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
