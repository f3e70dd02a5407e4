//! Mistake: the save is called but never awaited.
//! class: other-side — `process` returns `Ok(())`; only the fake sees that no save ran.
//!
//! It reads like JavaScript, where calling an async function starts it ("the save can
//! finish on its own, why wait?"), or like a forgotten `await` in Python. In Rust the
//! call only builds a future; the `;` drops it unpolled, the document is never written,
//! and `process` still reports `Ok(())`.

// rustc warns about exactly this bug: "unused implementer of `Future` that must be
// used ... futures do nothing unless you `.await` or poll them". The workspace makes
// that warning an error, so this file has to switch it off to show the bug at all.
#![allow(unused_must_use)]

// ANCHOR: mistake
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    let text = steps.load(name).await?;
    let edited = steps.transform(text).await;
    steps.save(name, edited); // no `.await`: this builds the save and drops it
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
