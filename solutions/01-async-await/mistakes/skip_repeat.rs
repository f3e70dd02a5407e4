//! Mistake: skipping a name equal to the one just processed ("nothing changed").
//! class: fixture — a repeat with another name between passes; only `notes, notes` shows it.
//!
//! "Just processed it: running it again straight away would redo the same work." But a
//! repeat is a job of its own: the transform is applied to what the time before saved,
//! so `notes, notes` means two edits, and skipping the second loses one. (It is not even
//! the same work: the second run starts from different text.)

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let mut previous: Option<&str> = None;
    for &name in names {
        if previous == Some(name) {
            continue;
        }
        process(steps, name).await?;
        previous = Some(name);
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
