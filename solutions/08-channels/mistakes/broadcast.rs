//! Mistake: a `broadcast` channel to share the items among the workers.
//! class: other-side — the same item reaches `process` from several workers.
//!
//! "Several consumers" sends you looking for a multi-consumer channel, and
//! `tokio::sync::broadcast` is the one whose receivers can be cloned (`subscribe`). But
//! broadcast is fan-out: every receiver gets its own copy of every message (it even
//! needs `T: Clone` for that). Each item is processed by every worker that keeps up, and
//! a worker that falls behind is told it `Lagged` and skips what it missed: broadcast
//! never makes the sender wait, it overwrites the oldest messages instead. So items are
//! processed twice, others not at all, and nothing holds the producers back.
//!
//! The `T: Clone` it needs is a bound the task's signature does not have, so against
//! the spec (whose `the_signature_asks_for_nothing_more` sends items that are not
//! `Clone`) it does not even compile; with that bound and `Clone` items, it processes
//! items more than once. `cargo workshop verify` checks that it does not compile and
//! records the compiler's message.
// workshop: must not compile

use std::future::Future;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinSet;

pub async fn run_pipeline<T, U, F, Fut>(
    producers: Vec<BoxStream<'static, T>>,
    workers: usize,
    capacity: usize,
    process: F,
) -> Vec<U>
where
    T: Clone + Send + 'static, // broadcast copies each item for every receiver
    U: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = U> + Send + 'static,
{
    reference::check_arguments(workers, capacity);
    // ANCHOR: mistake
    let (tx, _) = broadcast::channel(capacity);

    let mut working = JoinSet::new();
    for _ in 0..workers {
        let mut rx = tx.subscribe(); // one receiver per worker
        let process = process.clone();
        working.spawn(async move {
            let mut outputs = Vec::new();
            loop {
                match rx.recv().await {
                    Ok(item) => outputs.push(process(item).await),
                    Err(RecvError::Lagged(_)) => continue, // fell behind: skip ahead
                    Err(RecvError::Closed) => break,
                }
            }
            outputs
        });
    }
    // ANCHOR_END: mistake

    let mut feeding = JoinSet::new();
    for mut producer in producers {
        let tx = tx.clone();
        feeding.spawn(async move {
            while let Some(item) = producer.next().await {
                if tx.send(item).is_err() {
                    break; // no receiver left
                }
            }
        });
    }
    drop(tx);
    reference::gather(working, feeding).await
}

// The rest is the reference's; the exercise's tests are compiled against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
// Compiled as a library, the tests themselves are left out: quiet their unused helpers.
#[allow(unused)]
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
