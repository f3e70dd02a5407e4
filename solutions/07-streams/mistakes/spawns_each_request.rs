//! Mistake: `pages` runs each request in a spawned task and awaits its `JoinHandle`.
//! class: cancellation — the task is not the stream's: a stream of pages dropped
//! half-way leaves its request running. The old tests dropped only streams of items
//! during a request, and this `items` has no task of its own. (From round 5's attack,
//! where it passed every test.)
//!
//! "Run the request on the runtime", as one would with `asyncio.create_task`: but a
//! spawned task belongs to the runtime, not to the stream that awaits it. A consumer
//! that gives up and drops the stream leaves the request going, and `tokio::spawn` takes
//! only `Send + 'static` futures, so the signatures grow bounds that turn away a
//! fetcher whose futures hold an `Rc` or borrow. Await the request right in the stream:
//! it needs no bound, and it is dropped with the stream.
// workshop: whole file: the reference's `items` calls `crate::pages`, which here has bounds that `items` lacks, so the reference cannot be compiled beside it.

use std::future::Future;

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
    Fut: Future<Output = Page<T>> + Send + 'static,
    T: Send + 'static,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let request = tokio::spawn(fetch_page(cursor?));
            let page = request.await.expect("the request panicked");
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    )
    .fuse()
}

// The reference's `items`, with the bounds this `pages` needs.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>> + Send + 'static,
    T: Send + 'static,
{
    pages(first, fetch_page).flat_map(|page| stream::iter(page.items))
}
// ANCHOR_END: mistake

// The exercise's tests run against this file.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
