//! Mistake: calling `job(id)` once to see whether the call panics, and again to spawn it.
//! class: other-side — every report is right; only the job, counting its calls, sees it.
//!
//! Found by a reviewer. `catch_unwind(.. job(id))` answers "does the call panic?", and
//! then the item is spawned with a fresh `job(id)`: the first future is dropped without
//! ever being polled, so nothing of it runs, every outcome is right, and the job's own
//! work (the gauge, the trace) happens once per entry. But the call was made twice. A
//! call is where a job may start its work (send the request, take the lock, count the
//! visit) before it returns a future: the caught `Ok` *is* the future to spawn.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: mistake
    let mut tasks = Vec::new();
    let mut panicked_when_called = Vec::new(); // one per entry of `items`
    for &id in items {
        if catch_unwind(AssertUnwindSafe(|| job(id))).is_err() {
            panicked_when_called.push(true);
        } else {
            tasks.push(tokio::spawn(job(id))); // the call is safe: make it for real
            panicked_when_called.push(false);
        }
    }
    // ANCHOR_END: mistake
    let mut outcomes = join_in_order(tasks).await.into_iter();
    let mut report = Report::empty();
    for (&id, panicked) in items.iter().zip(panicked_when_called) {
        if panicked {
            report.panicked.push(id);
            continue;
        }
        match outcomes.next().expect("one outcome per spawned entry") {
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
