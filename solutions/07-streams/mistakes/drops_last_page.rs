//! Mistake: `page.next?` in the step, so the stream ends *before* the last page.
//! class: boundary — the last page, the one that says `next: None`: it is fetched, and
//! then thrown away with its items.
//!
//! The state is the next cursor, and `?` on an `Option` is the neat way to end an
//! `unfold`: so the step takes `next` with `?` right after the fetch. But that returns
//! `None` for the page that says `next: None`, and that page still has items. The
//! `?` belongs on the cursor the step *starts* from (`let cursor = cursor?;`), before
//! the fetch, not on the one it ends with.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold((first, fetch_page), |(cursor, mut fetch_page)| async move {
        let page = fetch_page(cursor).await;
        let next = page.next?; // the last page is fetched, then thrown away
        Some((page, (next, fetch_page)))
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
