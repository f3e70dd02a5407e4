//! Mistake: after the foreground work, the set is checked every 50 ms with
//! `try_join_next`.
//! class: fixture — a job that ends on a 50 ms mark is taken on time; one that ends
//! between two checks is taken late.
//!
//! Found by a reviewer. Every job is spawned at once and every result is collected, in
//! the order the jobs finished. But between two checks the call sleeps, so it notices
//! the last job only at the next check: up to 50 ms late, with nothing left to wait
//! for. `join_next().await` wakes the moment a job finishes.

use std::time::Duration;

use tokio::task::JoinSet;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: mistake
    loop {
        while let Some(joined) = running.try_join_next() {
            results.push(joined.expect("a background job panicked"));
        }
        if running.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
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
