//! # Exercise 01: async and await — one step after another
//!
//! A document job has three slow steps, given to you as the [`Steps`] trait: `load` a
//! document by name, `transform` its text, and `save` the result under the same name.
//! Each step returns a future: calling it only *creates* the work, and the work happens
//! when you `.await` it.
//!
//! 1. [`process`]: load the document `name`, transform the text you loaded, and save
//!    the transformed text as `name`, in that order, each step finished before the
//!    next one starts. If the load fails, return its error at once: nothing may be
//!    transformed or saved. If the save fails, return its error.
//! 2. [`process_all`]: process every name in `names`, however many there are (a
//!    hundred thousand too: no cap, no counter that wraps, no recursion one level deeper
//!    per name, which runs out of stack), one after another, in the order given. A name
//!    may appear more than once, and each time must start from what the time before
//!    saved. Stop at the first error and return it: the documents before it stay saved,
//!    and the ones after it are not touched.
//!
//! Also part of the task:
//! - Call each step once per document: a failed step is not retried, and its error is
//!   returned unchanged (not wrapped, not replaced by a later one), even when it comes
//!   at the last name. The transform too: a text it was given before is sent again.
//! - An empty document is a document: its text `""` is transformed and saved like any
//!   other (the transform decides what an empty text becomes).
//! - The save is never skipped: whatever the transform returns is saved, even `""` (not
//!   the loaded text in its place), and even the loaded text unchanged. Whether a write
//!   was needed is not the job's to judge.
//! - Every name, the `name` of `process` as each one in `names`, is processed as given,
//!   byte for byte, even `""`, a name with spaces around it (`"notes "` is not
//!   `"notes"`: don't trim), a name with capitals (`"Notes"` is not `"notes"` either),
//!   and a name that was just processed: it is not yours to filter, skip or tidy, and
//!   `load` decides whether a document exists. A
//!   repeated name is loaded again each time (someone else may have changed it since),
//!   and the text transformed is the one that load returned, never one you remember
//!   from before.
//! - A failed save stops `process_all` just as a failed load does.
//! - `save` is the only write, called last, once, with the transformed text. So if the
//!   future of `process` or `process_all` is dropped part-way (a `timeout` around the
//!   call, say), it stops in the step it is waiting in: the documents saved before stay
//!   saved, the one in progress is left as it was, and no step starts after the drop.
//! - The steps are any [`Steps`]: the signatures ask nothing more of them (not `Sync`,
//!   not `Send`, not `'static`; the tests pass steps that are none of these). And when
//!   the steps are `Sync`, the futures of `process` and `process_all` are `Send`, so that
//!   a batch can run as a task of its own (`tokio::spawn`): keep nothing that is not
//!   `Send` across an `.await` (an `Rc`, a `Box<dyn Future>` without `+ Send`).
//! - Wait for a step by `.await`ing it (or, by hand, by polling it with the `Context`
//!   your own future was polled with, and returning `Pending`): no loop that polls
//!   again without waiting, and no blocking the thread until a step ends (a hand-made
//!   `block_on`). Both keep the runtime from ever finishing the step. Nor block it
//!   between steps (a `std::thread::sleep` to pace the batch): that stalls every other
//!   task of the runtime's thread; pausing is `tokio::time::sleep(…).await`'s job.
//!
//! Hint: `.await` every step, and `?` returns an `Err` from an `async fn` just as it
//! does from any other function. Run `cargo workshop hint 01` for more.
//!
//! Check your work with `cargo workshop check 01` (or `cargo test -p async-await-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::fmt;
use std::future::Future;

/// Why a step failed. The tests decide which steps fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError(pub String);

/// The three steps of the job. The tests implement them with fakes that take time and
/// record what they are asked to do; you only call them.
pub trait Steps {
    /// Reads the document `name`; fails if there is no such document.
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send;

    /// Rewrites a document's text (slowly: think of a formatter behind a network call).
    fn transform(&self, text: String) -> impl Future<Output = String> + Send;

    /// Writes `text` as the document `name`; can fail too.
    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send;
}

/// Loads, transforms and saves the document `name`, one step after another.
pub async fn process(steps: &impl Steps, name: &str) -> Result<(), StepError> {
    todo!("process: load, then transform, then save, awaiting each step before the next")
}

/// Processes every name in order; stops at the first error.
pub async fn process_all(steps: &impl Steps, names: &[&str]) -> Result<(), StepError> {
    todo!("process_all: process each name in turn, returning the first error")
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StepError {}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_await;
#[path = "../../exercises/01-async-await/tests/spec.rs"]
mod spec;
