//! Mistake: `process` turns an empty name away itself, with an error of its own, before
//! any load.
//! class: bad-argument — found by round 11's attack: only `process_all` was ever given
//! `""`, so a guard in `process` alone went unseen when `process_all` ran the steps
//! itself.
//!
//! "Validate the input first." But whether a document named `""` exists is for `load`
//! to say, and its error is the one to return: the caller gets `"empty document name"`,
//! an error no step produced, for a name the store may well hold.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    if name.is_empty() {
        return Err(StepError("empty document name".to_owned()));
    }
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited).await
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
