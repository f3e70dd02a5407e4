//! Mistake: a `yield_now()` to let the tasks start (`await asyncio.sleep(0)`), and only
//! then the guard that aborts them.
//! class: cancellation — dropped at any later point the batch leaves nothing running;
//! only a drop right after the first poll shows it.
//!
//! Found by a reviewer. In asyncio, `create_task` then `await asyncio.sleep(0)` is the
//! habit that lets new tasks begin. Here it opens a window: between spawning and arming
//! the guard, the call is suspended, and a caller that drops it then (a `timeout` of
//! zero, a `select!` whose other branch was ready at once) drops handles that only
//! detach their tasks. Whatever aborts the tasks must hold them from the moment they
//! are spawned. (Nor is the yield needed: a spawned task is scheduled at once.)

use futures::future::join_all;
use tokio::task::{JoinError, JoinHandle};

pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    // ANCHOR: mistake
    tokio::task::yield_now().await; // let them all get going first
    let _abort_on_drop = AbortOnDrop::of(&tasks);
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
