//! Mistake: a page whose `next` is the same as the page before's is taken for a stuck
//! API: the stream ends there, without yielding it.
//! class: fixture — in the old tests no two pages in a row said the same `next`; a
//! feed that waits at one cursor says it on every page. (From round 5's attack, where
//! a version that compared whole pages, `T: PartialEq + Clone` and all, passed every
//! test.)
//!
//! "The API keeps giving me the same thing": but a feed with nothing new answers the
//! same until news comes, and two equal pages are two pages. The page that looks
//! stuck is dropped, and everything after it. Follow `next` wherever it leads.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), None, fetch_page);
    stream::unfold(state, |(cursor, before, mut fetch_page)| async move {
        let page = fetch_page(cursor?).await;
        if before.is_some() && page.next == before {
            return None; // "stuck": the same answer as last time
        }
        let next = page.next;
        Some((page, (next, next, fetch_page)))
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
