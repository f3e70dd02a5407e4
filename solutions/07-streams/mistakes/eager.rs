//! Mistake: fetching the whole listing first, then handing out its items.
//! class: other-side — the items are all there, in order; only the fake API, which
//! records when each page is requested, sees that every page was fetched up front.
//!
//! It is tempting because it reuses the loop everyone writes first (Python's
//! `while cursor: page = await fetch(cursor); items += page.items`) and wraps the
//! result as a stream. The types fit, and so do the items, but the consumer now waits
//! for every page before it sees the first item, and every page is fetched even if the
//! consumer only wanted one.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
/// Every item of every page, as one list.
async fn fetch_all<T, F, Fut>(first: u32, mut fetch_page: F) -> Vec<T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut all = Vec::new();
    let mut cursor = Some(first);
    while let Some(current) = cursor {
        let page = fetch_page(current).await;
        all.extend(page.items);
        cursor = page.next;
    }
    all
}

pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    // Lazy until the first poll, but that first poll runs the whole loop.
    stream::once(fetch_all(first, fetch_page)).flat_map(stream::iter)
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
