//! # Exercise 08: channels — a pipeline of producers and workers (`asyncio.Queue`)
//!
//! Write [`run_pipeline`]: several **producers** (streams of items) feed several
//! **workers** (tasks that call `process` on one item at a time) through a queue.
//!
//! 1. **Every item is processed exactly once**: none lost, none processed twice.
//!    Return every output of `process`, in any order.
//! 2. **Memory stays bounded**: at most `capacity` items wait between the producers and
//!    the workers. When the queue is full, a producer must wait for room before it
//!    takes its next item (backpressure). (The tests allow one more item per producer:
//!    the one it holds while it waits.)
//! 3. **`workers` items are processed at the same time**: exactly `workers` consumer
//!    tasks, each taking the next item as soon as it is done with the last. The
//!    producers run at the same time too: a slow producer must not hold up the others.
//! 4. **Clean shutdown**: when every producer's stream has ended and every item is
//!    processed, every worker stops by itself and `run_pipeline` returns. No task it
//!    spawned may still be alive then. There is no "stop" item to send: in Tokio, a
//!    channel closes when its last sender is dropped.
//!
//! `workers` and `capacity` are at least 1.
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

/// Feeds every item of `producers` to `workers` concurrent workers through a queue of
/// at most `capacity` items; returns the outputs of `process`, in any order.
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
