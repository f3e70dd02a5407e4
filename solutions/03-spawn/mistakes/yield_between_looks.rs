//! Mistake: after the foreground work, a loop takes the finished jobs with
//! `try_join_next` and yields between looks (`await asyncio.sleep(0)` in Python).
//! class: other-side — on a real clock the results, their order and the time are right;
//! only the runtime sees a call that never waits.
//!
//! Found by a reviewer in round 5; until then it hung the tests for real. Yielding puts
//! the call at the back of the queue and asks to be polled again at once: it never
//! waits for anything. On a real clock that keeps a core busy for as long as the jobs
//! run. On tokio's paused test clock, time moves on only when every task waits, so it
//! never does: the jobs never end, and neither does the call. The tests now count the
//! polls at one instant. `join_next().await` sleeps until a job finishes.

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
