//! Mistake: hand-written `poll_fn` streams that poll the request with `Pin::new`, and
//! so ask for `Fut: Unpin`.
//! class: fixture — every request future of the old tests was a `BoxFuture`, which is
//! `Unpin`; an `async` block is not, and shows the bound.
//!
//! Found by round 5's attack. `Pin::new(&mut fut).poll(cx)` is the first way one
//! finds to poll a future by hand, and the compiler's suggestion for it is the bound.
//! But a request is most often an `async fn`'s future or an `async` block, which
//! holds its state across `.await`s and must not move: not `Unpin`. Keep it as
//! `Pin<Box<Fut>>` (`Box::pin(fetch_page(cursor))`, then `.as_mut().poll(cx)`), or
//! let `unfold` hold it. The spec's `any_fetcher_will_do_and_records_are_not_copied` fetches
//! with `async` blocks, so against this the spec does not compile; this file does the
//! same below.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile
// workshop: whole file: the reference's `items` calls `crate::pages`, which here asks for `Unpin`, so the reference would not compile beside it and its errors would crowd the record.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, Stream, StreamExt};

/// One page of a listing, as the API returns it (as in the reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// This page's records (maybe none).
    pub items: Vec<T>,
    /// The cursor to pass to `fetch_page` for the following page; `None` on the last.
    pub next: Option<u32>,
}

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>> + Unpin,
{
    let (mut fetch_page, mut cursor, mut request) = (fetch_page, Some(first), None);
    stream::poll_fn(move |cx: &mut Context<'_>| {
        if request.is_none() {
            let Some(at) = cursor else {
                return Poll::Ready(None);
            };
            request = Some(fetch_page(at));
        }
        let in_progress: &mut Fut = request.as_mut().expect("set just above");
        let page = std::task::ready!(Pin::new(in_progress).poll(cx));
        request = None;
        cursor = page.next;
        Poll::Ready(Some(page))
    })
}

pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>> + Unpin,
{
    let (mut pages, mut page, mut ended) = (pages(first, fetch_page), VecDeque::new(), false);
    stream::poll_fn(move |cx: &mut Context<'_>| {
        loop {
            if let Some(item) = page.pop_front() {
                return Poll::Ready(Some(item));
            }
            if ended {
                return Poll::Ready(None);
            }
            match std::task::ready!(pages.poll_next_unpin(cx)) {
                Some(next) => page.extend(next.items),
                None => ended = true,
            }
        }
    })
}

/// What the spec's `any_fetcher_will_do_and_records_are_not_copied` does: requests that are
/// `async` blocks, which are not `Unpin`.
pub fn requests_that_are_async_blocks() -> impl Stream<Item = u32> {
    items(1, |cursor| async move {
        std::future::ready(()).await;
        Page {
            items: vec![cursor],
            next: None,
        }
    })
}
// ANCHOR_END: mistake
