//! Mistake: one minute to collect every result; at the deadline the rest are aborted
//! and the call returns what it has.
//! class: fixture — a deadline above every fake job's length never bites.
//!
//! Found by a reviewer in round 7, and passed every test until then: the slowest fake
//! job took 2149 ms. Every job still running at the deadline is cancelled and its result
//! lost. The exercise puts no limit on how long a job may take.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: mistake
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match tokio::time::timeout_at(deadline, running.join_next()).await {
            Ok(Some(joined)) => results.push(joined.expect("a background job panicked")),
            Ok(None) => break,
            Err(_) => {
                running.abort_all();
                break;
            }
        }
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
