//! Mistake: a call that panics is caught, and its payload read as a `String` to keep
//! its text; any other payload is raised again.
//! class: path — every call that panics with a formatted `panic!` is reported; only a
//! call that panics with a `&'static str` or another value shows it.
//!
//! Found by a reviewer. `panic!("item {id}: {why}")` carries a `String`, so
//! `downcast::<String>()` always worked on the calls this one was tried with, and
//! "anything else cannot happen" became `resume_unwind`. But `panic!("text")` carries a
//! `&'static str` and `panic_any(v)` whatever `v` is: those come straight out of
//! `process_all`, on its own task, and the batch goes down. The item's panic is its
//! outcome whatever it carries; read the text, if at all, with a fallback.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use futures::future::{BoxFuture, Either};

pub(crate) fn call<F, Fut, T>(
    job: &F,
    id: u32,
) -> Either<Fut, BoxFuture<'static, anyhow::Result<T>>>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
    T: Send + 'static,
{
    match catch_unwind(AssertUnwindSafe(|| job(id))) {
        Ok(work) => Either::Left(work),
        // ANCHOR: mistake
        Err(panic) => {
            // Keep the text, to raise it again in the item's task.
            let text: String = *panic
                .downcast::<String>()
                .unwrap_or_else(|other| resume_unwind(other));
            Either::Right(Box::pin(async move { resume_unwind(Box::new(text)) }))
        } // ANCHOR_END: mistake
    }
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
