//! Mistake: after the foreground work, the set is checked every millisecond with
//! `try_join_next`, after a `yield_now` "so that jobs due now finish first".
//! class: fixture — a job that ends the instant its timer fires, on the millisecond grid
//! the checks use, is taken on time; one whose last step takes a few turns is taken late.
//!
//! Found by a reviewer in round 5, and passed every test until then. Every job is spawned
//! at once, every result is collected in the order the jobs finished, and the fake jobs
//! all ended the moment their timer fired: at a whole millisecond, just before the check
//! that the yield put after them. A job does not always end on a timer. One whose last
//! step takes a few turns of the scheduler ends after that check, and the call sees it a
//! millisecond late, with nothing left to wait for. `join_next().await` is woken by the
//! job itself.

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
        tokio::time::sleep(Duration::from_millis(1)).await;
        tokio::task::yield_now().await;
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
