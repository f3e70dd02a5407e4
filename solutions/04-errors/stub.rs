//! # Exercise 04: errors — `gather(..., return_exceptions=True)` in Rust
//!
//! You have a batch of items and a `job` that processes one of them. Most items go
//! through; some fail (the job returns `Err`); one of them is buggy and **panics**. Write
//! [`process_all`], which runs the job on every item **concurrently** and returns a
//! [`Report`] of what happened to each, instead of letting one bad item end the batch:
//!
//! 1. **Successes** go to `succeeded` as `(item, output)`.
//! 2. **Failures** (the job returned `Err`) go to `failed`. An error in `failed` travels
//!    alone (it gets logged, or returned with `?`), so it must say *which item* failed:
//!    `format!("{err:#}")` reads like `item 2: out of stock`. Keep the job's error
//!    underneath your message rather than replacing it, so a caller can still ask what
//!    went wrong (anyhow's `downcast_ref`, or a walk down `chain()`, finds it there).
//! 3. **Panics** go to `panicked` as the item. A panicking item must not take the batch
//!    down: the other items still finish and are reported, and `process_all` returns
//!    normally. A panic is not a failure: it is a bug in the job, so it goes in
//!    `panicked`, not in `failed`.
//!
//! Every item appears exactly once in the report, and each list follows the order of
//! `items`. The whole batch takes as long as its slowest item, not the sum of them all.
//!
//! Also part of the task:
//! - Items are values, not positions: they need not be sorted, may repeat, and 0 is an
//!   item like any other. Each entry of `items` is one entry of the report, in the
//!   order of `items` (not the order the items finished in, and not sorted by value); a
//!   repeated item is run again and reported again (an item that panics in two entries
//!   is in `panicked` twice).
//! - No limit on how many run at once: every item starts together, however many.
//! - No time limit either: a slow item is waited for, however long it takes. A deadline
//!   is the caller's to set, around the whole call (see the last point).
//! - Wait for the items, don't keep looking: a loop that checks on them between
//!   `yield_now()`s, or between short sleeps, spins or wakes once a tick for as long as
//!   the slowest item runs. The tests fail such a loop at once.
//! - A job can panic in two places: while its future runs, or in the call `job(item)`
//!   itself, before it has returned a future. Both are the item's panic: the item goes
//!   in `panicked` and the rest of the batch carries on, whatever the panic carries
//!   (text, or any value `std::panic::panic_any` was given). In `panicked` too each
//!   item stands where `items` has it, whichever of the two places it panicked in.
//! - Call `job` once per entry of `items`, in the order of `items`, and run the future
//!   that call returned: a call may already start the item's work (send a request, take
//!   a lock) before its future exists, so a second call for the same entry is a second
//!   run, even after a panic.
//! - No items: an empty report, at once.
//! - Dropping the returned future (a `timeout` around the call, a lost `select!` branch)
//!   stops every item still running, whenever it happens (even right after the first
//!   poll): nothing is left running, unobserved.
//! - How you run the items at once is yours to choose (tasks, or futures polled
//!   together), as long as a panic stays in its item.
//!
//! Hint: a task started with `tokio::spawn` that panics does not panic its awaiter: its
//! `JoinHandle` returns a `tokio::task::JoinError` instead, which can tell a panic from a
//! cancellation. `anyhow::Context` puts the item on an error. Run `cargo workshop hint 04`
//! for more.
//!
//! Check your work with `cargo workshop check 04` (or `cargo test -p errors-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

/// What happened to each item of a batch; each list in the order of the items.
#[derive(Debug)]
pub struct Report<T> {
    /// The items whose job returned `Ok`, with its output.
    pub succeeded: Vec<(u32, T)>,
    /// The errors of the items whose job returned `Err`, each naming its item.
    pub failed: Vec<anyhow::Error>,
    /// The items whose job panicked.
    pub panicked: Vec<u32>,
}

/// Runs `job` on every item concurrently and reports each outcome; never panics itself
/// because of a job (whether the job panics when called or while it runs).
pub async fn process_all<F, Fut, T>(items: &[u32], job: F) -> Report<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    todo!("process_all: run every item at once; sort each outcome into the report")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as errors;
#[path = "../../exercises/04-errors/tests/spec.rs"]
mod spec;
