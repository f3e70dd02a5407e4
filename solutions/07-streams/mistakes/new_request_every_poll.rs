//! Mistake: a hand-written `poll_fn` that makes a new request on every poll, and drops
//! it when the poll returns `Pending`.
//! class: cancellation — the request future is dropped after its first poll: the
//! request is cancelled, and with it the wake-up it had arranged.
//!
//! It reads like "ask for the page, and return what the request says", which is how a
//! blocking call would go. But a future is the request in progress: dropped, it stops,
//! and the timer that would have woken the stream goes with it, so nothing ever polls
//! the stream again. The request belongs in the stream's state until it is ready.

use std::future::Future;
use std::task::{Context, Poll};

use futures::stream::{self, Stream};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut fetch_page = fetch_page;
    let mut cursor = Some(first);
    stream::poll_fn(move |cx: &mut Context<'_>| {
        let Some(at) = cursor else {
            return Poll::Ready(None);
        };
        let mut request = Box::pin(fetch_page(at)); // a new request on every poll
        match request.as_mut().poll(cx) {
            Poll::Ready(page) => {
                cursor = page.next;
                Poll::Ready(Some(page))
            }
            Poll::Pending => Poll::Pending, // ... and `request` is dropped here
        }
    })
}
// ANCHOR_END: mistake

// The rest is the reference's (its `items` calls `crate::pages`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
