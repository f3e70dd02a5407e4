//! Reference solution for exercise 07: a paginated API as a lazy `Stream`.
//!
//! `futures::stream::unfold` is the whole trick: the stream's state is "the cursor of
//! the page to fetch next, if any", and one step fetches that page. `flat_map` then
//! spreads each page into its items. No extra crate (`async-stream`'s `stream!` macro
//! would read like a Python generator, but hides the state this exercise is about), no
//! task, no channel: everything runs inside the consumer's own `next().await`. And no
//! bound beyond the ones the task gives: records, fetchers and their futures need not be
//! `Clone`, `Send`, `Unpin` or `'static`.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// This page's records (maybe none).
    pub items: Vec<T>,
    /// The cursor to pass to `fetch_page` for the following page; `None` on the last.
    pub next: Option<u32>,
}

// ANCHOR: pages
/// The pages of the listing that starts at `first`, fetched one per poll.
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    // The state carries `fetch_page` along with the cursor: the step's future must own
    // everything it uses (it may outlive this call of the closure), so it takes the
    // fetcher and hands it back with the new state. Borrowing it from the closure
    // instead is the "captured variable cannot escape `FnMut` closure body" error.
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            // `None`: the last page said there is no next one. Ending here, without a
            // request, is what keeps us from asking for a page past the end. Any other
            // cursor is the API's to choose, 0 or one seen before: follow it.
            let cursor = cursor?;
            // The only call and the only await: a request goes out when the consumer
            // polls for a page (with a real client, calling `fetch_page` may already
            // send it), and if the consumer drops the stream now, this future is
            // dropped with it and the request is cancelled. A consumer that only drops
            // its `next()` (a lost `select!` branch) leaves this future in the stream,
            // and the next `next()` goes on with the same request.
            let page = fetch_page(cursor).await;
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    )
    // `unfold` panics if it is polled again after it ended; `fuse` makes it say `None`
    // again instead, and `items` inherits that.
    .fuse()
}
// ANCHOR_END: pages

// ANCHOR: items
/// The items of the listing that starts at `first`, fetching each page only when the
/// previous one is used up.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    // `flat_map` drains the current page's items first and polls `pages` again only
    // when they run out, so page 2 is requested by the `next()` that finds page 1 used
    // up; an empty page simply yields nothing and the next one is fetched.
    // (`crate::pages`, not `pages`: a mistake in `mistakes/` that replaces `pages` alone
    // then gets this `items` on top of its own `pages`.)
    crate::pages(first, fetch_page).flat_map(|page| stream::iter(page.items))
}
// ANCHOR_END: items
