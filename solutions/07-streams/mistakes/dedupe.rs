//! Mistake: `items` drops the items it has already handed out.
//! class: fixture — with every test item distinct, removing duplicates removes nothing;
//! a listing with equal items shows it. (From the reviewer's attack, where it passed
//! every test.)
//!
//! "Offset pagination repeats rows when the data shifts, so dedupe, like `seen =
//! set()`". But two equal records are two records (two payments of the same amount),
//! the stream cannot tell a repeat from a twin, and the set grows with every item of
//! the listing. Deduplicating is the consumer's decision, on a key it knows.

use std::collections::HashSet;
use std::future::{Future, ready};
use std::hash::Hash;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    T: Hash + Eq + Clone,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut seen = HashSet::new();
    pages(first, fetch_page)
        .flat_map(|page| stream::iter(page.items))
        .filter(move |item| ready(seen.insert(item.clone())))
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
