//! Mistake: counting the names in a `u16`, which wraps past 65 535.
//! class: fixture — found by round 9's attack: 1000 names fit in a `u16`.
//!
//! "A batch index never needs more than 16 bits." `names.len() as u16` keeps only the
//! low 16 bits: 100 001 names become 34 465, and the rest are silently dropped while the
//! caller is told `Ok(())`. An `as` cast never fails; `usize` is the type of a length.

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let count = names.len() as u16;
    for i in 0..count {
        process(steps, names[usize::from(i)]).await?;
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
