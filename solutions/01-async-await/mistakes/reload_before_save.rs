//! Mistake: loading the document again before the save, to save only if it is
//! unchanged (or to compare the two).
//! class: other-side — the documents end up right; only the loads the store received
//! show a second load.
//!
//! "Check nobody changed it while we were transforming." But `load` is called once per
//! document, and a check like this does not protect anything: someone can still write
//! between this load and the save. The task says: load, transform, save, each once.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text.clone()).await;
    if steps.load(name).await? != text {
        return Ok(());
    }
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
