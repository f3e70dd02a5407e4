//! Mistake: `items` drops a page's first item when it repeats the previous page's last.
//! class: fixture — it only shows when equal items meet at a page boundary; and unlike
//! a set of seen items, it keeps most repeats. (From the reviewer's attack.)
//!
//! Offset pagination can repeat the row at the boundary when the data shifts, so "skip
//! the overlap" sounds careful. But the stream cannot tell an overlap from two equal
//! records, and one of them is lost. Deduplicating is the consumer's decision, on a key
//! it knows.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T: Clone + PartialEq, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut last: Option<T> = None;
    pages(first, fetch_page).flat_map(move |page| {
        let mut items = page.items;
        if !items.is_empty() && items.first() == last.as_ref() {
            items.remove(0); // "the overlap"
        }
        if let Some(item) = items.last() {
            last = Some(item.clone());
        }
        stream::iter(items)
    })
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
