//! Mistake: the moment an item's run panics, the job is called again for it and the
//! retry joins the batch; only a second panic files it in `panicked`.
//! class: other-side — a retry that ends before the slowest item costs no time, and the
//! report is right for a job that panics every time; only the job, counting its calls,
//! sees the second run.
//!
//! Found by a reviewer. Retrying at once, beside the others, hides the retry even from
//! the batch's duration. But a panic is a bug in the job, not a fluke, and it is the
//! entry's outcome: the second call is a second run of whatever the job does (a second
//! request, a second charge). Call `job` once per entry.

use std::collections::HashMap;
use std::future::Future;

use tokio::task::JoinSet;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let mut running = JoinSet::new();
    // Each task's entry, and whether it is a retry.
    let mut runs = HashMap::new();
    for (position, &id) in items.iter().enumerate() {
        runs.insert(running.spawn(call(&job, id)).id(), (position, false));
    }
    let mut outcomes: Vec<_> = items.iter().map(|_| None).collect();
    while let Some(joined) = running.join_next_with_id().await {
        let (task, outcome) = match joined {
            Ok((task, outcome)) => (task, Ok(outcome)),
            Err(error) => (error.id(), Err(error)),
        };
        let (position, retried) = runs[&task];
        // ANCHOR: mistake
        if matches!(&outcome, Err(error) if error.is_panic()) && !retried {
            let retry = running.spawn(call(&job, items[position]));
            runs.insert(retry.id(), (position, true));
            continue;
        }
        // ANCHOR_END: mistake
        outcomes[position] = Some(outcome);
    }
    let outcomes = outcomes
        .into_iter()
        .map(|o| o.expect("every entry has one"));
    let mut report = Report::empty();
    for (&id, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
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
