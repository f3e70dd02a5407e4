//! Mistake: a worker that polls the queue with `try_recv` and `yield_now()` while it is empty.
//! class: path — the empty-queue path: what a worker does when there is nothing to take yet.
//!
//! `while True: try: item = q.get_nowait() except QueueEmpty: await asyncio.sleep(0)` is
//! a loop many asyncio programs contain, and in Tokio it reads `try_recv()`, then
//! `yield_now().await` when the queue is empty. It gets every item right, and stops when
//! the channel is closed. But a task that yields is ready to run again at once, so tokio
//! is never idle: the worker burns a core for as long as the queue is empty, and on the
//! paused test clock time cannot move at all (the producers' next items never come).
//! `recv().await` is the same wait, asleep until there is an item or the end.

use std::future::Future;
use std::sync::Arc;

use futures::stream::BoxStream;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

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
    reference::check_arguments(workers, capacity);
    let (tx, rx) = mpsc::channel(capacity);
    let feeding = reference::spawn_producers(producers, tx);
    let rx = Arc::new(Mutex::new(rx));
    let mut working = JoinSet::new();
    for _ in 0..workers {
        let (rx, process) = (Arc::clone(&rx), process.clone());
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                // ANCHOR: mistake
                let next = rx.lock().await.try_recv();
                match next {
                    Ok(item) => outputs.push(process(item).await),
                    // "Nothing yet: give the others a turn, then look again."
                    Err(TryRecvError::Empty) => tokio::task::yield_now().await,
                    Err(TryRecvError::Disconnected) => break,
                }
                // ANCHOR_END: mistake
            }
            outputs
        });
    }
    reference::gather(working, feeding).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
