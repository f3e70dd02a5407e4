//! Mistake: a recursive `process_all`, boxed as `Pin<Box<dyn Future + 'a>>`, without
//! `+ Send`.
//! class: fixture — awaited right on the test's thread the box works; spawned it cannot.
//!
//! Until round 6 this was kept as a correct alternative, and the tests passed it: every
//! test awaited `process_all` on its own thread. A future that contains itself would
//! have no size, so the recursion is boxed, and a `dyn Future` is only what its type
//! says: without `+ Send` the compiler may not assume the box can move to another
//! thread, so the whole batch is not `Send`, and `tokio::spawn` refuses it (the spec's
//! `a_batch_runs_as_a_task_of_its_own`). Adding `+ Send` is no way out either: the
//! async block holds `&S` across its `.await`s, so the box is `Send` only if the steps
//! are `Sync`, and that bound shuts out steps that are not (see `boxed_send_needs_sync`).
//! A box erases "Send when the steps are Sync"; a loop keeps it, with no box at all.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;
use std::pin::Pin;

// ANCHOR: mistake
pub fn process_all<'a, S: Steps>(
    steps: &'a S,
    names: &'a [&'a str],
) -> Pin<Box<dyn Future<Output = Result<(), StepError>> + 'a>> {
    Box::pin(async move {
        match names.split_first() {
            None => Ok(()),
            Some((first, rest)) => {
                process(steps, first).await?;
                process_all(steps, rest).await
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
