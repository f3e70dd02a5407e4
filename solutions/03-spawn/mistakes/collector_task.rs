//! Mistake: after the foreground work, the `JoinSet` moves into a collector task, and
//! the call awaits that task's `JoinHandle`.
//! class: cancellation — a cut during the foreground work drops the set with the call;
//! only a cut while the call joins the jobs shows them running on.
//!
//! Found by a reviewer. It runs to the end like the reference, and if the call is
//! dropped during the foreground work the set is still the call's, so its jobs are
//! aborted. But once the set has moved into the collector, it is the collector's: a
//! call dropped while joining drops only the collector's `JoinHandle`, which detaches
//! the collector, and the collector keeps the set, and the set keeps the jobs running.

use tokio::task::JoinSet;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    // ANCHOR: mistake
    let collector = tokio::spawn(async move {
        let mut results = Vec::with_capacity(running.len());
        while let Some(joined) = running.join_next().await {
            results.push(joined.expect("a background job panicked"));
        }
        results
    });
    let results = collector.await.expect("a background job panicked");
    // ANCHOR_END: mistake
    results
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
