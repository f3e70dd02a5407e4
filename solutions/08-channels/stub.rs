//! # Exercise 08: channels — a pipeline of producers and workers (`asyncio.Queue`)
//!
//! Write [`run_pipeline`]: several **producers** (streams of items) feed several
//! **workers** (which call `process` on one item at a time) through a queue.
//!
//! 1. **Every item is processed exactly once**: none lost, none processed twice. Items
//!    may repeat: each one a producer yields is processed. Return every output of
//!    `process`, in any order.
//! 2. **Memory stays bounded**: at most `capacity` items wait in the queue, and it has
//!    room for that many: a producer waits only while `capacity` items are queued. An
//!    item waits from the moment its producer yields it until a worker starts
//!    processing it. A producer first takes an item from its stream, then waits for
//!    room in the queue while it holds that item, and takes its next item only once
//!    this one is in the queue (backpressure). So besides the queue each producer holds
//!    at most one item, and a worker takes an item only when it is ready to process it:
//!    no fetching ahead, no calling `process` early. Nor may a producer hold a place in
//!    the queue while it is still producing (room reserved first, item taken after):
//!    producing is slow, and the other producers would wait for that place.
//! 3. **`workers` items are processed at the same time**, never more: whenever fewer
//!    are in progress and an item is waiting, a worker takes it at once, from the one
//!    queue they all share (an idle worker never waits while an item is queued for a
//!    busy one). The usual way is `workers` worker tasks, each taking its next item
//!    as soon as it is done with the last; `workers` futures run side by side in one
//!    task, or a task per item under a limit of `workers`, behave the same and are
//!    fine. The producers run at the same time too: a slow producer must not hold up
//!    the others, and while one waits for room the others go on producing, each until
//!    it holds its next item.
//! 4. **Clean shutdown**: when every producer's stream has ended and every item is
//!    processed, every worker stops by itself and `run_pipeline` returns. No task it
//!    spawned may still be alive then. There is no "stop" item to send: in Tokio, a
//!    channel closes when its last sender is dropped.
//! 5. **Panics and cancellation.** A panic in `process` or in a producer's stream is
//!    not swallowed: `run_pipeline` panics too, with that very panic, its payload
//!    unchanged whatever it is (re-raise it with
//!    `std::panic::resume_unwind(join_error.into_panic())`), at once or after the other
//!    items are done, and also when no worker is left. Dropping the returned future (a
//!    `timeout` around the call, say) stops everything it started: no producer is
//!    polled and `process` is not called again, nor left running; the items on their
//!    way are dropped. After a panic or a drop, as after a return, no task it spawned
//!    is left alive.
//!
//! **Arguments.** `workers` is 1 to [`MAX_WORKERS`]; `capacity` is 1 to
//! `tokio::sync::Semaphore::MAX_PERMITS` (tokio's largest channel: in effect no
//! bound). Anything else panics at once, before anything is spawned or any item
//! taken (with no producers too), in every build (a `debug_assert!` is gone from a
//! release build), with a message that names the wrong argument and only that one:
//! with no worker, or no room in the queue, the pipeline could only hang.
//! (`capacity` 0 is not asyncio's `Queue(maxsize=0)`, which means unbounded.) Ask no
//! more of the items, the outputs and `process` than the signature does: an item
//! need not be `Clone` or `Debug`, nor `process` `Sync`.
//!
//! Hint: `tokio::sync::mpsc::channel(capacity)` is the queue; one sender clone per
//! producer task (`futures::StreamExt::next` takes the next item of a stream). An
//! `mpsc::Receiver` has a single owner, so the workers need a way to share it. Run
//! `cargo workshop hint 08` for more.
//!
//! Check your work with `cargo workshop check 08` (or `cargo test -p channels-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

use futures::stream::BoxStream;

/// The most workers [`run_pipeline`] accepts: each is a task, and more than this is a
/// count of something else passed by mistake.
pub const MAX_WORKERS: usize = 1_000;

/// Feeds every item of `producers` to `workers` concurrent workers through a queue of
/// at most `capacity` items; returns the outputs of `process`, in any order.
///
/// # Panics
///
/// At once, before anything is spawned or any item taken, unless `workers` is 1 to
/// [`MAX_WORKERS`] and `capacity` is 1 to `tokio::sync::Semaphore::MAX_PERMITS`.
/// Also when `process` or a producer's stream panics: with that panic's message, once
/// it is seen.
pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    todo!("run_pipeline: a bounded mpsc channel, one task per producer, `workers` worker tasks")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as channels;
#[path = "../../exercises/08-channels/tests/spec.rs"]
mod spec;
