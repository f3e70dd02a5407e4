//! Mistake: "no guard for just one": a batch of one is a bare `tokio::spawn(..).await`.
//! class: boundary — the six-item batch goes through the guard; only a batch of one,
//! dropped half-way, shows its item running on.
//!
//! Found by a reviewer. A batch of one runs in a task of its own, its panic stays there,
//! and its outcome is reported right. But if `process_all` is dropped (a timeout around
//! it), the `JoinHandle` is dropped with it, and a dropped handle detaches its task: the
//! item runs on, unobserved. The abort-on-drop guard is for every batch, however small.

use std::future::Future;

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    if let [id] = *items {
        let mut report = Report::empty();
        match tokio::spawn(call(&job, id)).await {
            Ok(Ok(output)) => report.succeeded.push((id, output)),
            Ok(Err(error)) => report.failed.push(error.context(format!("item {id}"))),
            Err(_) => report.panicked.push(id),
        }
        return report;
    }
    // ANCHOR_END: mistake
    reference::process_all(items, job).await
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
