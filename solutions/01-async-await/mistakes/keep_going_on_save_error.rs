//! Mistake: a failed load ends the batch, but a failed save is noted and the batch goes on.
//! class: path — a failed load stops it correctly; only a failed *save* in a batch shows it.
//!
//! "Can't edit what we couldn't read, but one read-only file shouldn't block the rest:
//! report it at the end." The task says otherwise: stop at the first error, whichever
//! step it comes from, and leave the documents after it untouched. Here `todo` is edited
//! after `readonly` failed, and the caller, seeing the error, cannot tell which of the
//! later documents were changed.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut first_error = None;
    for name in names {
        let text = steps.load(name).await?;
        let edited = steps.transform(text).await;
        if let Err(error) = steps.save(name, edited).await {
            first_error.get_or_insert(error);
        }
    }
    first_error.map_or(Ok(()), Err)
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
