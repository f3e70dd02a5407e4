//! Mistake: joining the handles in the order they were spawned.
//! class: fixture — only jobs that finish out of the order they were given show it.
//!
//! Everything runs at once and nothing is lost, so the timing is right. But awaiting a
//! `Vec<JoinHandle>` in a loop takes the results in spawn order: the first handle's
//! job may be the slowest, and results that were ready long before wait behind it.
//! That is `[await t for t in tasks]`, not `asyncio.as_completed`.

use std::future::Future;

// ANCHOR: mistake
pub async fn run_in_background<J, T, F>(jobs: Vec<J>, foreground: F) -> (F::Output, Vec<T>)
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let output = foreground.await;
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("a background job panicked"));
    }
    (output, results)
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as spawn;
#[path = "../../../exercises/03-spawn/tests/spec.rs"]
mod spec;
