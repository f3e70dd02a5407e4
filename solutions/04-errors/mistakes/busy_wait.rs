//! Mistake: waiting for the tasks by looking at `is_finished()` in a loop, yielding in
//! between.
//! class: path — every report would be right; the loop never waits, and on tokio's
//! paused clock time then never moves on.
//!
//! Found by a reviewer. `while not all(t.done() for t in tasks): await asyncio.sleep(0)`
//! works in asyncio, burning a core while it waits. Here `yield_now()` wakes the task
//! at once, so the runtime is never idle: on the paused test clock the items' timers
//! never fire and the loop spins for ever; on a real clock it spins at full speed until
//! the slowest item ends. Await the handles themselves: each one wakes you when its
//! task ends.

use futures::future::join_all;
use tokio::task::{JoinError, JoinHandle};

pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    // ANCHOR: mistake
    while !tasks.iter().all(JoinHandle::is_finished) {
        tokio::task::yield_now().await;
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
