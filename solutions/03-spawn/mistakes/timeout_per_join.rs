//! Mistake: each `join_next` under a 30 s `timeout`, "so as not to wait for ever on a
//! stuck job"; on a timeout the call stops collecting and returns what it has.
//! class: fixture — a time limit above every fake job's length never bites.
//!
//! Found by a reviewer in round 7, and passed every test until then: the slowest fake
//! job took 2149 ms. A job slower than the limit loses its result, and returning drops
//! the set, which cancels it. The exercise puts no limit on how long a job may take.

use std::time::Duration;

use tokio::task::JoinSet;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: mistake
    let patience = Duration::from_secs(30);
    while let Ok(Some(joined)) = tokio::time::timeout(patience, running.join_next()).await {
        results.push(joined.expect("a background job panicked"));
    }
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
