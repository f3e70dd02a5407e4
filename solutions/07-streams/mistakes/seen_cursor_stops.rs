//! Mistake: `pages` ends the listing, silently, at a cursor it has seen before.
//! class: path — a repeat: only an API that hands out the same cursor twice shows the
//! "cycle protection". (From the reviewer's attack, where it passed every test.)
//!
//! It guards against an API that loops, which sounds prudent. But a feed may hand out
//! the cursor it is waiting at again and again, and a listing is then cut short with
//! no error; nor can a stream tell a loop from a feed. It follows `next` wherever it
//! leads; a consumer that fears an endless listing puts a `take` or a timeout on it.

use std::collections::HashSet;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), fetch_page, HashSet::new());
    stream::unfold(state, |(cursor, mut fetch_page, mut seen)| async move {
        let cursor = cursor?;
        if !seen.insert(cursor) {
            return None; // "a loop": stop, and say nothing
        }
        let page = fetch_page(cursor).await;
        let next = page.next;
        Some((page, (next, fetch_page, seen)))
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
