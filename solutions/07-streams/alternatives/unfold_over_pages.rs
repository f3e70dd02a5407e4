//! Another correct way: `items` built on `pages`, but as an `unfold` of its own over
//! the pinned stream of pages and the current page's `vec::IntoIter`, with
//! `StreamExt::next().await?` where `flat_map` would poll `pages` for you; `pages`
//! over a two-state enum (`At(cursor, fetcher)` or `Over`) instead of an `Option`.
//! (From the reviewer's attack, where it passed every test.)
//!
//! Why it is also correct: the step hands out the current page's next item if there
//! is one, and otherwise awaits the next page, in a `loop`, so empty pages are skipped
//! and a page is fetched only on the poll that finds the current one used up. `?` on
//! the next page ends `items` when `pages` ends; `pages` reaches `Over` after the page
//! that says `next: None`, without a request. Both are fused.

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
/// The pages of the listing that starts at `first`, fetched one per poll.
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    enum State<F> {
        At(u32, F),
        Over,
    }
    stream::unfold(State::At(first, fetch_page), |state| async move {
        let State::At(cursor, mut fetch_page) = state else {
            return None;
        };
        let page = fetch_page(cursor).await;
        let after = match page.next {
            Some(next) => State::At(next, fetch_page),
            None => State::Over,
        };
        Some((page, after))
    })
    .fuse()
}

/// The items of the listing that starts at `first`, fetching each page only when the
/// previous one is used up.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Box::pin(pages(first, fetch_page)), Vec::new().into_iter());
    stream::unfold(state, |(mut pages, mut current)| async move {
        loop {
            if let Some(item) = current.next() {
                return Some((item, (pages, current)));
            }
            current = pages.next().await?.items.into_iter();
        }
    })
    .fuse()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
