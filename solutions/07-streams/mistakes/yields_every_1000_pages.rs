//! Mistake: `pages` wakes itself and says `Pending` once every thousand pages, "to be
//! fair to the other tasks".
//! class: path — the pages come out right, and on the old tests' watch of 1000 polls at
//! one instant, the 300 self-wakes of a listing of 300 000 pages went unseen; a fake
//! whose every request is ready at once now allows one poll. (From round 9's attack,
//! where it passed every test.)
//!
//! A `Pending` with nothing to wait for is a busy loop in small: the executor polls
//! the stream again at once. Fairness is the runtime's business (tokio's cooperative
//! budget already does it for its own resources); a stream returns `Pending` only
//! because a request did.

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
    let state = (Some(first), fetch_page, 0_u32);
    stream::unfold(state, |(cursor, mut fetch_page, fetched)| async move {
        let cursor = cursor?;
        if fetched > 0 && fetched.is_multiple_of(1000) {
            YieldNow(false).await; // "let the others run"
        }
        let page = fetch_page(cursor).await;
        let next = page.next;
        Some((page, (next, fetch_page, fetched + 1)))
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
