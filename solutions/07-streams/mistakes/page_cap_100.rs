//! Mistake: a safety limit of 100 pages, "in case the API loops".
//! class: fixture — a cap above the longest listing in the tests passes them all; only
//! a listing longer than any plausible cap shows it. (From the reviewer's attack, where
//! it passed every test with 60 pages.)
//!
//! A hundred pages sounds like more than any listing needs, but a listing of 10 000
//! records in pages of 50 is 200 pages, and it is cut short without a word: the
//! consumer cannot tell it from the end. No limit on the number of pages: only `next:
//! None` ends a listing, and a consumer that wants fewer says so with `take`.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
const MAX_PAGES: usize = 100;

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
    .take(MAX_PAGES) // a safety net
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
