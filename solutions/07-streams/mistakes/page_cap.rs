//! Mistake: a hidden cap on the number of pages, "in case the API loops".
//! class: fixture — the longest listing in the old tests had 5 pages, under the cap;
//! sixty pages show it. (From the reviewer's attack, where it passed every test.)
//!
//! A safety net that looks responsible: never follow more than eight pages. But a
//! longer listing is then cut short without a word, and the consumer cannot tell it
//! from the end. Only `next: None` ends a listing; a consumer that wants fewer pages,
//! or fears an endless one, says so with `take` or a timeout.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
const MAX_PAGES: usize = 8;

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let page = fetch_page(cursor?).await;
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    )
    .take(MAX_PAGES) // "in case the API loops"
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
