//! Mistake: every producer's stream merged with `select_all`, fed to the queue by one
//! task.
//! class: fixture — while the queue has room, the merged streams are polled side by
//! side and look like producers of their own; only a full queue, with a count of the
//! items the producers hold, shows that they all stop. (From the reviewer's attack in
//! round 5, where it passed.)
//!
//! `select_all(producers)` is the `asyncio.as_completed` of streams, and one forwarding
//! task is less code than a task per producer. But while that task waits for room for
//! one item, it polls none of the streams: every producer stops producing until the
//! queue has room, instead of getting its next item ready meanwhile. A slow producer
//! (a query, a download) then starts its next item only when there is room, and the
//! workers wait for it. A task per producer keeps each one producing until it holds
//! its next item.

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: mistake
pub(crate) fn spawn_producers<T: Send + 'static>(
    producers: Vec<BoxStream<'static, T>>,
    tx: mpsc::Sender<T>,
) -> JoinSet<()> {
    let mut all = futures::stream::select_all(producers); // "one stream of everything"
    let mut feeding = JoinSet::new();
    feeding.spawn(async move {
        while let Some(item) = all.next().await {
            if tx.send(item).await.is_err() {
                break;
            }
        }
    });
    feeding
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
