//! Mistake: an `Rc<Cell<_>>` counter kept across the `.await`s of the batch.
//! class: fixture — awaited right on the test's thread an `Rc` works; spawned it cannot.
//!
//! Found by round 6's attack, which took it for a correct answer: every step runs in
//! order and the tests that await `process_all` directly pass. But the future of an
//! `async fn` keeps every local that lives across an `.await`, here the `Rc`, and an
//! `Rc` is not `Send` (two threads could change its count at once). So the whole
//! future is not `Send`, and `tokio::spawn`, which may move a task to another thread
//! at any `.await`, refuses it: no server could run a batch as a task. A plain
//! `usize` does the counting; an `Arc` or an atomic if it must be shared.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::Cell;
use std::rc::Rc;

// ANCHOR: mistake
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    let done = Rc::new(Cell::new(0usize));
    for name in names {
        process(steps, name).await?; // `done`, an `Rc`, lives across this `.await`
        done.set(done.get() + 1);
    }
    debug_assert_eq!(done.get(), names.len());
    Ok(())
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_await;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/01-async-await/tests/spec.rs"]
mod spec;
