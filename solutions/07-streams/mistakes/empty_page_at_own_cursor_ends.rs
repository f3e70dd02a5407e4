//! Mistake: an empty page whose `next` is its own cursor is taken for "caught up",
//! and ends the listing.
//! class: boundary — the old tests' page that hands out its own cursor held an item;
//! the same page, empty, is the case this gets wrong. (From round 5's attack, where it
//! passed every test.)
//!
//! It reads like the end of a feed: nothing on the page, and "ask me here again". But
//! that is what a feed says while it waits for news, and the news comes on a later
//! page. The stream cannot know; only `next: None` ends a listing, and a consumer that
//! will not wait puts a `take` or a timeout around the stream.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let cursor = cursor?;
            let page = fetch_page(cursor).await;
            let caught_up = page.items.is_empty() && page.next == Some(cursor);
            let next = page.next.filter(|_| !caught_up); // "nothing new: done"
            Some((page, (next, fetch_page)))
        },
    )
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
