//! Mistake: a recursive `process_all`, boxed as `Pin<Box<dyn Future + Send + 'a>>`,
//! with the `+ Sync` on the steps that the box then needs.
//! class: fixture — every fake the tests gave was `Sync`; steps that are not show it.
//!
//! Found by round 6's attack. The box of `boxed_recursion_not_send` made `Send`: its
//! async block holds `&S` across an `.await`, and `&S` is `Send` only when `S` is
//! `Sync`, so the compiler asks for `S: Sync`, and it gets it. Now the batch can be
//! spawned, but steps that are not `Sync` (the spec's
//! `the_steps_need_not_be_sync_send_or_static`) no longer compile. The signature asks
//! for `&impl Steps`, nothing more: a `dyn` type cannot say "`Send` when the steps are
//! `Sync`", and an `async fn` with a loop says it with no bound at all.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::pin::Pin;

// ANCHOR: mistake
pub async fn process_all(steps: &(impl Steps + Sync), names: &[&str]) -> Result<(), StepError> {
    rest(steps, names).await
}

fn rest<'a, S: Steps + Sync>(
    steps: &'a S,
    names: &'a [&'a str],
) -> Pin<Box<dyn Future<Output = Result<(), StepError>> + Send + 'a>> {
    Box::pin(async move {
        match names.split_first() {
            None => Ok(()),
            Some((first, others)) => {
                process(steps, first).await?;
                rest(steps, others).await
            }
        }
    })
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
