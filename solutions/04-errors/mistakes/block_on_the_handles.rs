//! Mistake: waiting for the tasks with `futures::executor::block_on` inside the
//! `async fn`.
//! class: path — every report would be right; the wait blocks the thread that the
//! items' tasks need to run on.
//!
//! Found by a reviewer (round 7), who saw it hang the suite. "The tasks are spawned, so
//! they run by themselves; I only need their results": `block_on(join_all(tasks))`
//! reads like `asyncio.run` on the handles. But `block_on` parks the calling thread
//! until the handles are done, and on a current-thread runtime (every `#[tokio::test]`)
//! that thread is the one that would run the items' tasks and fire their timers: none
//! of them ever ends, and nothing ever wakes it. On a multi-thread runtime it holds a
//! worker hostage for the whole batch instead. Inside an `async fn`, `.await` the
//! handles. (testkit's `no_busy_task` now ends such a run with a failure.)

use futures::future::join_all;
use tokio::task::{JoinError, JoinHandle};

pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    // ANCHOR: mistake
    futures::executor::block_on(join_all(tasks))
    // ANCHOR_END: mistake
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
