//! Mistake: failures are logged and left out of the report.
//! class: path — the batch survives and every success is there; only failing items show it.
//!
//! The `except Exception: log.warning(...)` reflex: the batch goes on, the log has a
//! line, and the result holds only what worked. Whoever reads the report cannot tell
//! three items failed; a log line is not a value anyone can act on.

use tokio::task::JoinError;

pub(crate) fn report_of<T>(
    items: &[u32],
    outcomes: Vec<Result<anyhow::Result<T>, JoinError>>,
) -> Report<T> {
    let mut report = Report::empty();
    // ANCHOR: mistake
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => eprintln!("skipping item {id}: {error:#}"),
            Err(_) => report.panicked.push(id),
        }
    }
    // ANCHOR_END: mistake
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
