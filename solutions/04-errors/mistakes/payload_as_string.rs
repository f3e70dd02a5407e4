//! Mistake: a panic's payload unwrapped as a `String`, to log the bug's message.
//! class: bad-argument — every panic formatted with `{}` carries a `String`; only a job
//! that panics with plain text (a `&'static str`) shows it.
//!
//! The panic is caught in its task, kept as a value and reported under its item, and
//! on the way the message is logged, as `logging.exception` would. But a payload is a
//! `Box<dyn Any + Send>`, and its type depends on how the panic was raised:
//! `panic!("item {id} …")` gives a `String`, `panic!("out of bounds")` a
//! `&'static str`, `panic_any(v)` anything at all. The `expect` here panics on every
//! payload that is not a `String`, in `process_all` itself, with no task around it:
//! the batch goes down after all.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            // ANCHOR: mistake
            Err(join_error) if join_error.is_panic() => {
                let payload = join_error.into_panic();
                let message = payload.downcast::<String>().expect("a panic's message");
                eprintln!("item {id} panicked: {message}");
                report.panicked.push(id);
            }
            // ANCHOR_END: mistake
            Err(cancelled) => report.failed.push(cancelled.into()),
        }
    }
    report
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
