//! Mistake: the jobs called from a to-do list worked off with `pop()`, from the end.
//! class: other-side — every report is right; only the job, seeing its calls, notices.
//!
//! Found by a reviewer. Each entry's handle is put back in its place, so every list
//! keeps the order of `items`, and all the items start at the same instant anyway. But
//! the calls come in the reverse order of `items`, and a call is where a job's work may
//! begin (a request sent, a ticket taken, a visit counted): whoever watches the job
//! sees the batch start from its last entry. Call `job` in the order of `items`.

use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let mut to_do: Vec<(usize, u32)> = items.iter().copied().enumerate().collect();
    let mut tasks: Vec<_> = items.iter().map(|_| None).collect();
    while let Some((position, id)) = to_do.pop() {
        tasks[position] = Some(tokio::spawn(call(&job, id)));
    }
    let tasks: Vec<_> = tasks.into_iter().flatten().collect();
    // ANCHOR_END: mistake
    let outcomes = join_in_order(tasks).await;
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(join_error) if join_error.is_panic() => report.panicked.push(id),
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
