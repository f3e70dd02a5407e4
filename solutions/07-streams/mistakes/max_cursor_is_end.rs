//! Mistake: `u32::MAX` stands for "no more pages", in place of an `Option`.
//! class: bad-argument — `u32::MAX` is a valid `first` and a valid `next`, and it is
//! lost: `pages(u32::MAX, ..)` is empty. (From the reviewer's attack, where it passed
//! every test.)
//!
//! A sentinel "no real API uses" keeps the state a plain `u32`, and avoids the 0 that
//! `while cursor:` gets wrong. But cursors are the API's to choose, all of `u32`, and
//! there is no value left over for "the end". `Option<u32>` has one: `None`.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
const END: u32 = u32::MAX; // "no API uses it"

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold((first, fetch_page), |(cursor, mut fetch_page)| async move {
        if cursor == END {
            return None;
        }
        let page = fetch_page(cursor).await;
        let next = page.next.unwrap_or(END);
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
