//! Mistake: counting pages yourself and stopping at the first empty one.
//! class: boundary — the end of the listing: "no results" taken for "no more pages",
//! where only `next: None` says so.
//!
//! The classic loop for page-numbered APIs (`page += 1` until no results come back)
//! ignores the `next` the API sends. It costs one request too many at the end of
//! every listing, the one that comes back empty, it stops early at an empty page in
//! the middle, losing everything after it, and it asks for the wrong pages as soon as
//! the API's cursors are not page numbers.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold((first, fetch_page), |(number, mut fetch_page)| async move {
        let page = fetch_page(number).await;
        if page.items.is_empty() {
            return None; // no results: we must be past the end
        }
        Some((page, (number + 1, fetch_page)))
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
