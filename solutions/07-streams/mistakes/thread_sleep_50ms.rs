//! Mistake: `pages` rate-limits its requests to twenty a second with `std::thread::sleep`.
//! class: path — as `thread_sleep_rate_limit` (1ms), but the old fake timed the requests
//! only every thousandth one, so a sleep of 100ms went unseen for 100 seconds of real
//! time and a sleep of a second hung the tests; the fake now looks at requests 2, 4, 8,
//! 16 and so on too. (From round 9's attack.)
//!
//! `std::thread::sleep` blocks the thread, and with it every other task the runtime
//! has there, however long or short the sleep; in async code a pause is
//! `tokio::time::sleep(..).await`. And a rate limit is the consumer's to set.

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
            std::thread::sleep(Duration::from_millis(50)); // "twenty requests a second"
            let page = fetch_page(cursor).await;
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
