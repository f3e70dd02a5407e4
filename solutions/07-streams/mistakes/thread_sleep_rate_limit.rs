//! Mistake: `pages` rate-limits its requests with `std::thread::sleep`.
//! class: path — on the paused clock nothing shows: the sleep takes no virtual time, so
//! every page and every duration comes out right, and a short listing costs a few real
//! milliseconds. A listing of 300 000 pages takes five minutes of real time, a hang no
//! watchdog on the paused clock can see; the fake API times its requests in real time.
//! (From round 6's attack, where it hung the tests.)
//!
//! Being polite to an API is a fine idea, but `std::thread::sleep` blocks the thread,
//! and with it every other task the runtime has there; in async code a pause is
//! `tokio::time::sleep(..).await`. And a rate limit, like a time limit, is the
//! consumer's to set.

use std::future::Future;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let cursor = cursor?;
            std::thread::sleep(Duration::from_millis(1)); // at most 1000 requests a second
            let page = fetch_page(cursor).await;
            let next = page.next;
            Some((page, (next, fetch_page)))
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
