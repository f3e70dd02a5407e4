//! Mistake: after the foreground work, the set is looked at up to eight times with
//! `try_join_next`, a `yield_now` between looks, and only then does the call sleep 1ms.
//! class: fixture — a job whose last step takes fewer turns of the scheduler than
//! the looks is seen on time; one whose last step takes more is seen a millisecond late.
//!
//! Found by a reviewer in round 7, and passed every test until then: the fake jobs' last
//! step took four turns, so eight looks always caught them. It still polls: it wakes
//! itself every millisecond and looks, rather than being woken by a job that ends. A
//! job may take any number of turns to end; `join_next().await` is woken by the job
//! itself, however many.

use std::time::Duration;

use tokio::task::JoinSet;

pub async fn collect_results<T: Send + 'static>(mut running: JoinSet<T>) -> Vec<T> {
    let mut results = Vec::with_capacity(running.len());
    // ANCHOR: mistake
    while !running.is_empty() {
        let mut got = false;
        for _ in 0..8 {
            while let Some(joined) = running.try_join_next() {
                results.push(joined.expect("a background job panicked"));
                got = true;
            }
            if running.is_empty() {
                break;
            }
            tokio::task::yield_now().await;
        }
        if !got && !running.is_empty() {
            tokio::time::sleep(Duration::from_millis(1)).await;
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
