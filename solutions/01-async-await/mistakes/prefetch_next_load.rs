//! Mistake: the next name's load built ahead, while the current document is still
//! being transformed and saved, and awaited only once that save is done.
//! class: other-side — the timeline is the reference's; only the calls the fakes
//! received show a load built and never run.
//!
//! Written for round 6's attack. "Have the next load ready to go." Since a future does
//! nothing until it is polled, the steps still run one after another, at the reference's
//! times. But when the current save fails, the batch returns, and the next load it
//! built is dropped unrun: a step was asked for that the job never does. Against a
//! real store, where building the request may already send it, that is a load after
//! the batch stopped. Build each step when its turn comes.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let Some((first, _)) = names.split_first() else {
        return Ok(());
    };
    let mut load = Box::pin(steps.load(first));
    for (i, name) in names.iter().enumerate() {
        let text = load.as_mut().await?;
        if let Some(next) = names.get(i + 1) {
            load = Box::pin(steps.load(next)); // built now, polled after the save
        }
        let edited = steps.transform(text).await;
        steps.save(name, edited).await?;
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
