//! Mistake: the queue's room is capped at 1 024 items, whatever `capacity` says.
//! class: fixture — a hidden cap above the fixtures' sizes: every queue in the other
//! tests holds a few items, so only a queue filled past the cap shows it. (From the
//! reviewer's attack in round 7, where it passed.)
//!
//! "A caller who asks for a million places will fill memory; 1 024 is plenty": the
//! channel gets `capacity.min(1024)` places. With a burst of more than 1 024 items the
//! producers wait while the queue still has the room the caller asked for. And the
//! memory was never at risk: tokio's channel allocates its room as items arrive, not
//! in advance; a caller who wants less room passes a smaller `capacity`.

use std::future::Future;

use futures::stream::BoxStream;
use tokio::sync::mpsc;

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
    // ANCHOR: mistake
    // "1 024 places are plenty, and a huge `capacity` would fill memory."
    let (tx, rx) = mpsc::channel(capacity.min(1024));
    // ANCHOR_END: mistake
    let feeding = reference::spawn_producers(producers, tx);
    let working = reference::spawn_workers(rx, workers, process);
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
