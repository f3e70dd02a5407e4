//! Mistake: `flat_map_unordered`, "flatten, but concurrently".
//! class: path — a combinator that drives the outer stream on every poll: it asks for
//! the next page while the current one still has items. (From the reviewer's attack.)
//!
//! `flat_map_unordered(None, …)` polls the pages stream whenever it is polled, to keep
//! as many inner streams going as it can, and hands out their items as they come. So
//! page 2 is requested before page 1 is used up, and with pages that take turns the
//! items could come out interleaved.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    pages(first, fetch_page).flat_map_unordered(None, |page| stream::iter(page.items))
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
