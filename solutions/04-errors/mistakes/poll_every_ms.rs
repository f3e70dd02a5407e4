//! Mistake: waiting for the tasks by looking at `is_finished()` once a millisecond.
//! class: bad-argument — with items of a few hundred milliseconds it costs a few hundred
//! wake-ups; a thirty-day item costs billions.
//!
//! Found by a reviewer. Sleeping between looks is kinder than spinning, and a batch of
//! quick items passes a glance. But the batch now ends on the next tick after its
//! slowest item, not when it ends, and a wait costs one wake-up per millisecond for as
//! long as it lasts: a slow item of thirty days is 2.6 billion of them, which hangs for
//! real even on the paused clock. Await the handles themselves: each one wakes you
//! once, when its task ends.

use std::time::Duration;

use futures::future::join_all;
use tokio::task::{JoinError, JoinHandle};

pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    // ANCHOR: mistake
    while !tasks.iter().all(JoinHandle::is_finished) {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // ANCHOR_END: mistake
    join_all(tasks).await
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
