//! Mistake: each request gets 30 seconds; a slower page silently ends the listing.
//! class: fixture — every page of the old tests took 100 ms; one that takes an hour
//! shows the limit. (From round 5's attack, where it passed every test.)
//!
//! A time limit on a request is sensible, but it is the consumer's to choose, and what
//! to do when it runs out too (retry, report, give up). Inside the stream it turns a
//! slow page into the end of the listing, which the consumer cannot tell from the real
//! end. The stream waits for every page; a consumer in a hurry puts a `timeout` around
//! `next()`. (This needs `tokio` as a dependency, which the exercise does not have:
//! a hint in itself.)

use std::future::Future;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let request = fetch_page(cursor?);
            // Too slow: end the stream.
            let page = tokio::time::timeout(PAGE_TIMEOUT, request).await.ok()?;
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    )
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
