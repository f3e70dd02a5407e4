//! Another correct way: a `JoinSet`, drained as the tasks finish, with each outcome put
//! back into the slot of its position in `items`.
//!
//! `join_next_with_id` hands back the outcomes in the order they finish, and a panicked
//! task's `JoinError` carries only the task's id: a map from task id to position says
//! which entry it was, so unsorted and repeated items all land where `items` has them.
//! A `JoinSet` aborts every task it still holds when it is dropped, so cancelling the
//! call leaves nothing running without any guard of our own. The call `job(id)` runs on
//! the caller's task, outside the tasks, so `std::panic::catch_unwind` guards it.

use std::collections::HashMap;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::task::JoinSet;

/// What happened to each item of a batch; each list in the order of the items.
#[derive(Debug)]
pub struct Report<T> {
    /// The items whose job returned `Ok`, with its output.
    pub succeeded: Vec<(u32, T)>,
    /// The errors of the items whose job returned `Err`, each naming its item.
    pub failed: Vec<anyhow::Error>,
    /// The items whose job panicked.
    pub panicked: Vec<u32>,
}

enum Outcome<T> {
    Succeeded(T),
    Failed(anyhow::Error),
    Panicked,
}

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job (whether the job panics when called or while it runs).
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let mut slots: Vec<Option<Outcome<T>>> = items.iter().map(|_| None).collect();
    // ANCHOR: slots
    let mut set = JoinSet::new();
    let mut position_of = HashMap::new();
    for (position, &id) in items.iter().enumerate() {
        match catch_unwind(AssertUnwindSafe(|| job(id))) {
            Ok(work) => {
                let task = set.spawn(work);
                position_of.insert(task.id(), position);
            }
            Err(_payload) => slots[position] = Some(Outcome::Panicked),
        }
    }
    while let Some(joined) = set.join_next_with_id().await {
        let (task, outcome) = match joined {
            Ok((task, Ok(output))) => (task, Outcome::Succeeded(output)),
            Ok((task, Err(error))) => (task, Outcome::Failed(error)),
            Err(join_error) if join_error.is_panic() => (join_error.id(), Outcome::Panicked),
            Err(cancelled) => (cancelled.id(), Outcome::Failed(cancelled.into())),
        };
        slots[position_of[&task]] = Some(outcome);
    }
    // ANCHOR_END: slots

    let mut report = Report {
        succeeded: Vec::new(),
        failed: Vec::new(),
        panicked: Vec::new(),
    };
    for (&id, slot) in items.iter().zip(slots) {
        match slot.expect("every item was started and joined") {
            Outcome::Succeeded(output) => report.succeeded.push((id, output)),
            Outcome::Failed(error) => report.failed.push(error.context(format!("item {id}"))),
            Outcome::Panicked => report.panicked.push(id),
        }
    }
    report
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
