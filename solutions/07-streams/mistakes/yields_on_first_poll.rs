//! Mistake: `pages` wakes itself and says `Pending` on its first poll, "so that
//! building and polling the stream stay apart".
//! class: path — one wasted poll per stream: the old tests allowed a thousand polls at
//! one instant; a fake whose every request is ready at once now allows one. (From
//! round 9's attack, where it passed every test.)
//!
//! The stream is lazy already (nothing happens before the first poll); a `Pending`
//! that nothing waits for only makes the executor poll it again at once. A stream
//! returns `Pending` only because a request did, and lets that request wake it.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

#[path = "common/yield_now.rs"]
mod yield_now;
use yield_now::YieldNow;

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), fetch_page, false);
    stream::unfold(state, |(cursor, mut fetch_page, started)| async move {
        let cursor = cursor?;
        if !started {
            YieldNow(false).await; // "start on the next turn"
        }
        let page = fetch_page(cursor).await;
        let next = page.next;
        Some((page, (next, fetch_page, true)))
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
