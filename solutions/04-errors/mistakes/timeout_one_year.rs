//! Mistake: a year for each job "for safety", and the items that take longer reported
//! as failed.
//! class: fixture — a limit longer than any slow item the tests use never bites; only
//! an item slower still shows it.
//!
//! Found by reviewers, first as a day (round 3), then, once the spec's slow item took 30
//! days, as a year (round 7): the slow item now takes forty years of virtual time, which
//! costs nothing on the paused clock, and this file stands for both. Nobody's job takes
//! a year, so the limit looks harmless, and an item of an hour is waited for. But a
//! limit is a limit: a job that is slow and fine is cut off at a year and reported as a
//! failure it never returned. `process_all` has no time limit at all: a deadline is the
//! caller's, around the whole call.

use std::future::Future;
use std::time::Duration;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let a_year = Duration::from_secs(365 * 24 * 3600);
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(tokio::time::timeout(a_year, call(&job, id))))
        .collect();
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(Ok(output))) => report.succeeded.push((id, output)),
            Ok(Ok(Err(error))) => report.failed.push(error.context(format!("item {id}"))),
            Ok(Err(elapsed)) => report
                .failed
                .push(anyhow::Error::new(elapsed).context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
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
