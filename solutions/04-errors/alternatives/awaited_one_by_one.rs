//! Another correct way to wait for the tasks: a plain `for` loop that awaits their
//! handles one after another, in the order of `items`, instead of `join_all`.
//!
//! It looks like the mistake of running the items one at a time, and takes no longer
//! than `join_all`: every task was spawned (and so started) before the loop awaits the
//! first handle, so while the loop waits for one item the others run on, and by the
//! time it reaches a later handle that task may long be done. The batch still takes as
//! long as its slowest item. What makes it one at a time is awaiting each item before
//! *starting* the next, not awaiting the handles in turn. The guard is the reference's:
//! dropped half-way through the loop, it aborts every task, the one being awaited and
//! those not reached yet. The rest is the reference (its `process_all` calls
//! `crate::join_in_order`: the one below).

use tokio::task::{JoinError, JoinHandle};

// ANCHOR: one_by_one
/// Awaits the tasks in the order of `tasks`, one handle after another.
pub(crate) async fn join_in_order<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, JoinError>> {
    let _abort_on_drop = AbortOnDrop::of(&tasks);
    let mut outcomes = Vec::with_capacity(tasks.len());
    for task in tasks {
        outcomes.push(task.await);
    }
    outcomes
}
// ANCHOR_END: one_by_one

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as errors;
#[path = "../../../exercises/04-errors/tests/spec.rs"]
mod spec;
