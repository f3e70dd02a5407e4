//! What the per-item time-limit mistakes share: the reference's `process_all` with a
//! `timeout` of `LIMIT`, which each of them gives (`super::LIMIT`), around every job,
//! and the items that run out of it reported as failed.

use std::future::Future;

use super::LIMIT;
use crate::{Report, call, join_in_order};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let tasks: Vec<_> = items
        .iter()
        .map(|&id| tokio::spawn(tokio::time::timeout(LIMIT, call(&job, id))))
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
