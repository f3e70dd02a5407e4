//! Mistake: a cursor requested a third time is taken for a loop, and ends the listing.
//! class: fixture — the old tests handed out a cursor twice at most, which this
//! "loop protection" lets through; a feed that hands out its cursor again and again
//! shows it. (From round 5's attack, where it passed every test.)
//!
//! A gentler cousin of `seen_cursor_stops`: it allows one repeat, so a cursor that
//! comes back once (7, 3, 7) passes. But a feed hands out the cursor it waits at for
//! as long as it has nothing new, and no count tells a loop from a feed that waits.
//! Follow `next` wherever it leads; a consumer that fears an endless listing puts a
//! `take` or a timeout on it.

use std::collections::HashMap;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), HashMap::new(), fetch_page);
    stream::unfold(state, |(cursor, mut seen, mut fetch_page)| async move {
        let cursor = cursor?;
        let visits: &mut u32 = seen.entry(cursor).or_default();
        *visits += 1;
        if *visits > 2 {
            return None; // "a loop": stop, and say nothing
        }
        let page = fetch_page(cursor).await;
        let next = page.next;
        Some((page, (next, seen, fetch_page)))
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
