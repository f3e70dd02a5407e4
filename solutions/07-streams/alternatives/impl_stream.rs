//! Another correct way: both streams as named types that implement `Stream` by hand.
//!
//! Why it is also correct: `Pages` holds the fetcher, the cursor still to fetch and the
//! request in progress (`Option<Pin<Box<Fut>>>`); `fetch_page` is called only inside
//! `poll_next`, when the consumer asks and nothing is in progress, so the stream is
//! lazy, a dropped `next()` leaves the request in the stream for the next one, and
//! dropping the stream drops the request. Once the cursor is `None` and nothing is in
//! progress it says `None`, as often as it is asked: fused by construction. `Items`
//! wraps a `Pages` and a `VecDeque` of the current page's items, and polls `Pages` only
//! when the queue is empty, in a loop, so empty pages are skipped within one poll.
//! The fetcher is boxed and the request pinned in a box, so both types are `Unpin`
//! whatever `F` and `Fut` are, and `poll_next` can use `get_mut` without `unsafe` or
//! a pin-projection crate.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::Stream;

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// This page's records (maybe none).
    pub items: Vec<T>,
    /// The cursor to pass to `fetch_page` for the following page; `None` on the last.
    pub next: Option<u32>,
}

/// The stream [`pages`] returns.
struct Pages<F, Fut> {
    fetch_page: Box<F>,
    /// The cursor of the page to fetch next; `None` once a page said `next: None`.
    cursor: Option<u32>,
    /// The request in progress, if any.
    request: Option<Pin<Box<Fut>>>,
}

// Every field is `Unpin` whatever `F` and `Fut` are (a `Box` does not move what it
// points to).
impl<F, Fut> Unpin for Pages<F, Fut> {}

impl<T, F, Fut> Stream for Pages<F, Fut>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    type Item = Page<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Page<T>>> {
        let this = self.get_mut();
        let request = match &mut this.request {
            Some(request) => request,
            None => match this.cursor.take() {
                None => return Poll::Ready(None),
                Some(cursor) => this.request.insert(Box::pin((this.fetch_page)(cursor))),
            },
        };
        let page = std::task::ready!(request.as_mut().poll(cx));
        this.request = None;
        this.cursor = page.next;
        Poll::Ready(Some(page))
    }
}

/// The pages of the listing that starts at `first`, fetched one per poll.
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    Pages {
        fetch_page: Box::new(fetch_page),
        cursor: Some(first),
        request: None,
    }
}

/// The stream [`items`] returns.
struct Items<T, F, Fut> {
    pages: Pages<F, Fut>,
    /// What is left of the current page.
    page: VecDeque<T>,
}

impl<T, F, Fut> Unpin for Items<T, F, Fut> {}

impl<T, F, Fut> Stream for Items<T, F, Fut>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.page.pop_front() {
                return Poll::Ready(Some(item));
            }
            match std::task::ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(page) => this.page.extend(page.items),
                None => return Poll::Ready(None),
            }
        }
    }
}

/// The items of the listing that starts at `first`, fetching each page only when the
/// previous one is used up.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    Items {
        pages: Pages {
            fetch_page: Box::new(fetch_page),
            cursor: Some(first),
            request: None,
        },
        page: VecDeque::new(),
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
