//! Another correct way: both streams written by hand with `stream::poll_fn`, keeping
//! the request in progress as an `Option<Pin<Box<Fut>>>` and polling it directly.
//!
//! Why it is also correct: a request is created (`fetch_page` called) and polled only
//! inside `poll_next`, so only when the consumer asks; it lives in the stream's state,
//! so a dropped `next()` leaves it there for the next one, and dropping the stream
//! drops it. With no cursor left the stream says `None`, as often as it is asked, so it
//! is fused by construction. `items` polls its own `pages` only when the current page
//! is used up, in a loop that skips empty pages. This is what `unfold` and `flat_map`
//! do for you, spelled out.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use futures::stream::{self, Stream, StreamExt};

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<u32>,
}

// ANCHOR: poll_fn
pub fn pages<T, F, Fut>(first: u32, mut fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut cursor = Some(first);
    let mut request: Option<Pin<Box<Fut>>> = None;
    stream::poll_fn(move |cx| {
        if request.is_none() {
            let Some(next) = cursor.take() else {
                return Poll::Ready(None);
            };
            request = Some(Box::pin(fetch_page(next)));
        }
        let in_progress = request.as_mut().expect("set just above");
        let page = std::task::ready!(in_progress.as_mut().poll(cx));
        request = None;
        cursor = page.next;
        Poll::Ready(Some(page))
    })
}
// ANCHOR_END: poll_fn

pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut listing = Box::pin(pages(first, fetch_page));
    let mut page = Vec::new().into_iter();
    stream::poll_fn(move |cx| {
        loop {
            if let Some(item) = page.next() {
                return Poll::Ready(Some(item));
            }
            match std::task::ready!(listing.poll_next_unpin(cx)) {
                Some(next) => page = next.items.into_iter(),
                None => return Poll::Ready(None),
            }
        }
    })
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
