//! Mistake: `items` keeps the page and an index, and hands out clones: `T: Clone`.
//! class: fixture — every record of the old tests was a `&str`, which is `Clone` and
//! costs nothing to copy; a record whose clones are counted shows it. (From round 5's
//! attack, where it passed every test.)
//!
//! Indexing is how one walks a list in Python (`page[i]`), and in Rust it gives a
//! place, so the item is cloned out, every record copied once, and the signature grows
//! a bound the task never asked for. Records need not be cheap to copy, nor `Clone` at
//! all (a row with a file handle, a big buffer): take them out of the page by value,
//! with the page's `vec::IntoIter` (`stream::iter(page.items)`).

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
    T: Clone,
{
    let state = (Some(first), Vec::new(), 0, fetch_page);
    stream::unfold(
        state,
        |(mut cursor, mut page, mut at, mut fetch_page)| async move {
            while at == page.len() {
                let fetched = fetch_page(cursor?).await;
                (cursor, page, at) = (fetched.next, fetched.items, 0);
            }
            let item = page[at].clone(); // `page[at]` is a place: clone the record out
            Some((item, (cursor, page, at + 1, fetch_page)))
        },
    )
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
