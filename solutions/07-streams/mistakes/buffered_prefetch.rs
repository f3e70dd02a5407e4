//! Mistake: `items` keeps the next page coming, "for throughput", with `buffered(2)`.
//! class: other-side — the items come in order and on time; only the API sees page 2
//! requested while page 1 still had items. (From the reviewer's attack.)
//!
//! `buffered(2)` fills its two places before it hands anything out: it polls the pages
//! stream a second time, which requests page 2, while the consumer is still on page 1.
//! Read-ahead is a fine choice for a consumer that knows it wants everything; here the
//! stream is asked to fetch a page only when the consumer needs it.

use std::future::{Future, ready};

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    pages(first, fetch_page)
        .map(ready)
        .buffered(2) // one page ahead
        .flat_map(|page| stream::iter(page.items))
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
