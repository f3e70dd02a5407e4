//! Mistake: saving an empty text as it is, without sending it to the transform.
//! class: boundary — `""` as data: every non-empty text is transformed right.
//!
//! "The transform has nothing to do with an empty text, so save it straight away." The
//! fake happens to give `""` back, yet the task says an empty text is transformed like
//! any other: the transform decides what an empty text becomes, not the job.

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    if text.is_empty() {
        return steps.save(name, text).await;
    }
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
