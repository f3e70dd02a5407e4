//! Mistake: recursing once per name, which overflows the stack on a long batch.
//! class: fixture — found by round 9's attack: it is `Send` and passes a batch of 1000.
//!
//! "Process the head, then the rest": `Box::pin(process_all(steps, rest))` makes the
//! recursive future sized, and since the future is an `async fn`'s, it is `Send`
//! whenever the steps are `Sync` (unlike `boxed_recursion_not_send.rs`). But each name
//! nests one future inside the one before, and every poll goes down through all of them:
//! a hundred thousand names are a hundred thousand nested polls, and the test's thread
//! overflows its stack (each poll also costs time in the depth). A loop holds one job at
//! a time.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    match names {
        [] => Ok(()),
        [first, rest @ ..] => {
            process(steps, first).await?;
            Box::pin(process_all(steps, rest)).await
        }
    }
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
