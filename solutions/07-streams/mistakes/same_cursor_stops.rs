//! Mistake: a page whose `next` is its own cursor ends the listing, "to avoid a loop".
//! class: fixture — a repeat that is not a cycle (7, 3, 7) does not show it; only a page
//! that hands out the cursor it was fetched with does. (From the reviewer's attack,
//! where it passed every test.)
//!
//! `next == cursor` looks like an API stuck in place, so stopping there seems safe. But
//! a feed hands out the cursor it is waiting at until new data comes, and the listing
//! is then cut short with no error. The stream follows `next` wherever it leads; a
//! consumer that fears an endless listing puts a `take` or a timeout on it.

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
            let next = page.next.filter(|&next| next != cursor); // "a loop": stop
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
