//! Mistake: 0 stands for "no more pages": `next.unwrap_or(0)`, and stop at 0.
//! class: bad-argument — 0 is a valid `first` (and a valid `next`), and it is lost:
//! `pages(0, ..)` is an empty listing. (From the reviewer's attack, where it passed
//! every test.)
//!
//! Python's `while cursor:` treats 0 as false, and a plain `u32` state looks simpler
//! than an `Option`. But cursors are the API's to choose, and 0 is a very common first
//! offset: the listing that starts there yields nothing, and one whose `next` is 0
//! ends in the middle. `Option<u32>` has a `None` for "no more pages", so that every
//! `u32` can be a cursor.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold((first, fetch_page), |(cursor, mut fetch_page)| async move {
        if cursor == 0 {
            return None; // `while cursor:`
        }
        let page = fetch_page(cursor).await;
        let next = page.next.unwrap_or(0);
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
