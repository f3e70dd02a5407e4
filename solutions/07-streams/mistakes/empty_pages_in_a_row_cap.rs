//! Mistake: five empty pages in a row end the listing, "in case the API is stuck".
//! class: fixture — the most empty pages in a row in the old tests were three, under
//! the cap; a feed that waits through thousands of them shows it. (From round 5's
//! attack, where it passed every test.)
//!
//! An API that filters on the server, or a feed with nothing new yet, answers with
//! empty pages for as long as it takes, each with a `next` to go on with. A cap on
//! them, like any cap, cuts the listing short without a word: the consumer cannot tell
//! it from the end. Only `next: None` ends a listing.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
const MAX_EMPTY_IN_A_ROW: u32 = 5;

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), 0, fetch_page);
    stream::unfold(state, |(cursor, empty, mut fetch_page)| async move {
        let page = fetch_page(cursor?).await;
        let empty = if page.items.is_empty() { empty + 1 } else { 0 };
        // "The API is stuck": give up after five empty pages in a row.
        let next = page.next.filter(|_| empty < MAX_EMPTY_IN_A_ROW);
        Some((page, (next, empty, fetch_page)))
    })
    .fuse()
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
