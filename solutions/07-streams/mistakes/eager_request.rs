//! Mistake: `pages` calls `fetch_page` when the stream is built, and the next one as
//! soon as a page arrives, keeping the futures for later.
//! class: other-side — every future is awaited only when the consumer asks; only the API,
//! which sees the calls, knows the requests went out early. (From the reviewer's
//! attack, where it passed every test: the old fake counted a request at its first
//! poll, not at the call.)
//!
//! "Prepare the next request as soon as we know the cursor" looks free, since a future
//! does nothing until it is polled. But `fetch_page` is the API client's function, and
//! a real client may send the request when it is called (or spawn it, or count it
//! against a rate limit): this one fetches before anyone asks, and always a page ahead.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, mut fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let request = fetch_page(first); // at once, before anyone asked
    stream::unfold(
        (Some(request), fetch_page),
        |(request, mut fetch_page)| async move {
            let page = request?.await;
            let next_request = page.next.map(&mut fetch_page); // one page ahead
            Some((page, (next_request, fetch_page)))
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
