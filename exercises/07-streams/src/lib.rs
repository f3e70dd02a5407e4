//! # Exercise 07: streams — a paginated API as an async iterator
//!
//! A remote API lists its records a page at a time. `fetch_page(cursor)` returns one
//! [`Page`]: some `items` and `next`, the cursor of the following page, or `None` when
//! this was the last page. Pages may be empty, the first one or any in the middle of a
//! listing: only `next: None` says that the listing is over.
//!
//! Turn it into streams that fetch **lazily**: a request goes out only when the
//! consumer asks for something the pages fetched so far don't hold.
//!
//! 1. [`pages`]: a `Stream` of the pages, starting at the cursor `first` and following
//!    each page's `next`. Nothing is fetched until the stream is polled, each poll
//!    fetches at most one page, and after the page with `next: None` (a page like any
//!    other, even an empty one: yield it) the stream ends without asking for another.
//! 2. [`items`]: a `Stream` of the items of those pages, one at a time, in order. It
//!    fetches the next page only when the consumer has used up the current one: taking
//!    3 items from pages of 2 fetches exactly 2 pages.
//!
//! A consumer may stop at any moment, by dropping the stream, even while a page is
//! being fetched. From then on nothing may be fetched any more, and a fetch in
//! progress must stop too.
//!
//! Also part of the task:
//!
//! - **Calling `fetch_page` is fetching.** With a real client the call may already send
//!   the request, before its future is polled. Call it only in the poll that needs the
//!   page, and await it right there: not when the stream is built, not ahead of time.
//! - **Cursors are the API's to choose.** Any `u32` is a cursor, `0` and `u32::MAX`
//!   included, and the same cursor may come again, even as the `next` of its own page
//!   (a feed that hands out the cursor it is waiting at): follow `next` wherever it
//!   leads, in both streams. Only `next: None` ends the listing; a listing
//!   that never ends is the consumer's to cut short (`take`, a timeout).
//! - **Every page, every item.** No limit on the number of pages, nor on empty pages in
//!   a row, nor on how often a cursor comes; however long a page takes, wait for it (a
//!   time limit is the consumer's to set). Every item of every page, the last one
//!   included, each page's items in the page's order, and equal items as many times as
//!   they come (two equal records are two records, and so are two equal pages).
//! - **No bounds of your own.** Keep the signatures as they are: a record need not be
//!   `Clone` (hand each one out by value, never a copy), a fetcher need not be `Clone`
//!   or `Fn`, and its futures need not be `Unpin` (`async` blocks are not).
//! - **Ended stays ended.** Polled again after it returned `None`, either stream says
//!   `None` again and fetches nothing (`unfold` alone panics then: `StreamExt::fuse`).
//! - **`size_hint` promises nothing it cannot keep.** The default, `(0, None)`, is
//!   always true. One of your own (a hand-written `Stream`) must not say that fewer
//!   items or pages are left than the listing still holds: until the page that says
//!   `next: None` is in, nobody knows how many that is, so the upper bound is `None`.
//! - **A dropped `next()` is not a dropped stream.** A consumer that gives up on one
//!   `next()` (a `timeout`, a lost `select!` branch) and keeps the stream gets, from its
//!   next `next()`, the same fetch going on: no second request for the page.
//! - Do the fetching inside the stream, on the consumer's own polls: no spawned task
//!   and no thread, which would start before anyone asks and outlive the stream, and no
//!   `block_on` or `std::thread::sleep`, which block the consumer's thread. While the
//!   request is not ready, return `Pending` and let the request wake the stream: never
//!   wake it yourself.
//!
//! Hint: `futures::stream::unfold` builds a stream from a state and an async step
//! ("given the state, produce the next item and the new state, or `None` to stop");
//! `futures::StreamExt` adapts one stream into another. Run `cargo workshop hint 07`
//! for more.
//!
//! Check your work with `cargo workshop check 07` (or `cargo test -p streams-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use std::future::Future;

use futures::stream::{Empty, Stream};

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// This page's records (maybe none).
    pub items: Vec<T>,
    /// The cursor to pass to `fetch_page` for the following page; `None` on the last.
    pub next: Option<u32>,
}

// `todo!()` alone can't be an `impl Stream`: the compiler must see some concrete stream
// type, which `as Empty<…>` names. Replace the whole expression with your stream.

/// The pages of the listing that starts at `first`, fetched one per poll.
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    todo!("pages: fetch one page per poll with stream::unfold, stop after `next: None`")
        as Empty<Page<T>>
}

/// The items of the listing that starts at `first`, fetching each page only when the
/// previous one is used up.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    todo!("items: turn the stream of pages into a stream of their items, lazily") as Empty<T>
}
