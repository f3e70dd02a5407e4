//! Mistake: a background task that reads ahead into a channel.
//! class: cancellation — dropped half-way: the consumer drops the stream, and the task
//! it spawned goes on fetching.
//!
//! Tempting as an optimisation, "the next page is already there when the consumer
//! wants it", and it is how a Python version with `create_task` and a `Queue` would
//! look. But a spawned task runs on its own: it starts fetching before anyone asks,
//! fetches pages nobody asked for, and when the consumer drops the stream, only the
//! receiver goes away. The task ignores the failed sends and fetches to the end.

use std::future::Future;
use std::pin::pin;

use futures::stream::{self, Stream, StreamExt};
use tokio::sync::mpsc;

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut + Send + 'static,
    Fut: Future<Output = Page<T>> + Send + 'static,
    T: Send + 'static,
{
    // Room for a page of two: the task fetches ahead while the consumer works.
    let (tx, rx) = mpsc::channel(2);
    tokio::spawn(async move {
        let mut pages = pin!(pages(first, fetch_page));
        while let Some(page) = pages.next().await {
            for item in page.items {
                let _ = tx.send(item).await; // fails once the consumer is gone
            }
        }
    });
    stream::unfold(rx, |mut rx| async move { Some((rx.recv().await?, rx)) }).fuse()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
