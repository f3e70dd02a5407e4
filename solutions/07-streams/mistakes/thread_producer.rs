//! Mistake: a producer thread that fetches into a channel, the stream being its receiver.
//! class: cancellation — work that is not the stream's: it starts before anyone asks and
//! goes on after the stream is dropped. (From the reviewer's attack, where every test
//! it failed said only "did not finish"; the spec now names the other thread.)
//!
//! Python's "producer thread and a queue", written with the `futures` the crate already
//! has: `futures::executor::block_on` on a `std::thread`, and an unbounded channel. It
//! needs `Send + 'static` bounds the exercise does not ask for, it fetches as fast as it
//! can whatever the consumer does, and dropping the receiver stops it only at its next
//! send. (With the test's fake API it also runs outside the test's runtime, where no
//! request is ever answered.)

use std::future::Future;
use std::pin::pin;

use futures::channel::mpsc;
use futures::stream::{Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    T: Send + 'static,
    F: FnMut(u32) -> Fut + Send + 'static,
    Fut: Future<Output = Page<T>> + Send + 'static,
{
    let (tx, rx) = mpsc::unbounded();
    std::thread::spawn(move || {
        futures::executor::block_on(async move {
            let mut all = pin!(pages(first, fetch_page));
            while let Some(page) = all.next().await {
                for item in page.items {
                    if tx.unbounded_send(item).is_err() {
                        return; // the consumer is gone: noticed at the next send
                    }
                }
            }
        });
    });
    rx
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
