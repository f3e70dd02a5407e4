//! Mistake: a task of its own collects the handles, looking at `is_finished()` in a
//! loop with `yield_now()` between looks; `process_all` awaits only its answer.
//! class: path — every report would be right; the collector never waits, and on tokio's
//! paused clock time then never moves on.
//!
//! Found by a reviewer (round 7), who saw it hang the suite. It is `busy_wait` moved
//! into a task, which `process_all` no longer polls: `process_all` itself waits
//! properly, on a oneshot, so nothing about the future the caller awaits looks wrong.
//! But the collector wakes itself at once every time round, so the runtime is never
//! idle: on the paused test clock the items' timers never fire and it spins for ever;
//! on a real clock it burns a core until the slowest item ends. Await the handles
//! themselves, where the results are needed: each one wakes you when its task ends.

use futures::future::join_all;
use tokio::task::{JoinError, JoinHandle};

pub(crate) async fn join_in_order<T: Send + 'static>(
    tasks: Vec<JoinHandle<T>>,
) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    // ANCHOR: mistake
    let (done, finished) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        while !tasks.iter().all(JoinHandle::is_finished) {
            tokio::task::yield_now().await;
        }
        let _ = done.send(tasks);
    });
    let tasks = finished.await.expect("the collector sends the handles");
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
