//! Mistake: collecting outcomes as they finish, then sorting every list by item.
//! class: fixture — with items `[1, 2, …, 6]` sorted by value *is* the order of `items`.
//!
//! Found by a reviewer. The learner sees that completion order is wrong and remembers
//! "or sort the report by item". With ascending items that gives the right answer; with
//! `[30, 50, 60, 20, 10, 40]` it reports 20 before 30. The order asked for is the order
//! of `items`, which only the position of each entry knows.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(call(&job, id)))
        .collect();
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    let mut running: FuturesUnordered<_> = items
        .iter()
        .zip(tasks)
        .map(|(&id, task)| async move { (id, task.await) })
        .collect();
    let (mut ok, mut bad, mut panicked) = (Vec::new(), Vec::new(), Vec::new());
    while let Some((id, outcome)) = running.next().await {
        match outcome {
            Ok(Ok(output)) => ok.push((id, output)),
            Ok(Err(error)) => bad.push((id, error.context(format!("item {id}")))),
            Err(_) => panicked.push(id),
        }
    }
    // ANCHOR: mistake
    // "Sort the report by item": every list in item order.
    ok.sort_by_key(|(id, _)| *id);
    bad.sort_by_key(|(id, _)| *id);
    panicked.sort_unstable();
    // ANCHOR_END: mistake
    Report {
        succeeded: ok,
        failed: bad.into_iter().map(|(_, error)| error).collect(),
        panicked,
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
