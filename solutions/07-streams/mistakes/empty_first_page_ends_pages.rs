//! Mistake: `pages` yields an empty first page and ends there, as if it said
//! `next: None`.
//! class: fixture — the only listing of the old tests that began with an empty page was
//! one empty page that said `next: None`, where the two agree. (From round 6's attack,
//! where it passed every test.)
//!
//! It yields the page, so an empty listing still comes out as one empty page; but it
//! decides the end from the items, not from `next`: a first page that is empty while
//! the listing goes on (a server-side filter that found nothing there yet) cuts the
//! listing short. Only `next: None` ends it.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), fetch_page, true);
    stream::unfold(state, |(cursor, mut fetch_page, first_page)| async move {
        let page = fetch_page(cursor?).await;
        // "No results": nothing more to list.
        let next = if first_page && page.items.is_empty() {
            None
        } else {
            page.next
        };
        Some((page, (next, fetch_page, false)))
    })
    .fuse()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
