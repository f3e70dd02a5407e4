//! Mistake: a panic's payload taken as text, a `String` or else a `&str`, to log it.
//! class: bad-argument — every panic raised with `panic!` carries one of the two; only a
//! job that panics with another value (`panic_any`) shows it.
//!
//! Found by a reviewer. This one knows that `panic!("{x}")` gives a `String` and
//! `panic!("text")` a `&'static str`, and tries both. But a payload can be any value:
//! `std::panic::panic_any(ErrorCode(42))` is a panic too, and the `expect` here then
//! panics in `process_all` itself, with no task around it: the batch goes down after
//! all. Log a fallback (`"(not text)"`) for a payload that is neither.

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
                let message = join_error
                    .into_panic()
                    .downcast::<String>()
                    .map(|text| *text)
                    .or_else(|payload| payload.downcast::<&str>().map(|text| text.to_string()))
                    .expect("a panic's payload is its message");
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
