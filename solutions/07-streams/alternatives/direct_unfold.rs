//! Another correct way: `items` as an `unfold` of its own, not built on `pages`, over
//! the current page's `vec::IntoIter`, the next cursor and the fetcher; `pages` over an
//! explicit enum state.
//!
//! Why it is also correct: the step hands out the next item of the current page if
//! there is one, and otherwise fetches the next page and looks again, in a `loop`, so
//! any number of empty pages is skipped and a page is fetched only on the poll that
//! finds the current one used up. `cursor?` ends the stream after the `next: None` page
//! without a request, having handed out that page's items first; `.fuse()` keeps it
//! ended. It is more code than `flat_map`, but every piece of state is in plain sight.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<u32>,
}

/// Where the listing of pages stands.
enum Cursor {
    At(u32),
    Done,
}

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Cursor::At(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let Cursor::At(cursor) = cursor else {
                return None;
            };
            let page = fetch_page(cursor).await;
            let cursor = match page.next {
                Some(next) => Cursor::At(next),
                None => Cursor::Done,
            };
            Some((page, (cursor, fetch_page)))
        },
    )
    .fuse()
}

// ANCHOR: direct
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Vec::new().into_iter(), Some(first), fetch_page);
    stream::unfold(state, |(mut page, mut cursor, mut fetch_page)| async move {
        loop {
            if let Some(item) = page.next() {
                return Some((item, (page, cursor, fetch_page)));
            }
            // The current page is used up: only now fetch the next, if there is one.
            let fetched = fetch_page(cursor?).await;
            page = fetched.items.into_iter();
            cursor = fetched.next;
        }
    })
    .fuse()
}
// ANCHOR_END: direct

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
