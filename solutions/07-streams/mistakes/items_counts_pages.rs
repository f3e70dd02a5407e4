//! Mistake: a standalone `items` that asks for `cursor + 1` while `next` is `Some`.
//! class: fixture — with cursors 1, 2, 3, … (every `items` test used them) the count
//! and the API's `next` agree; only opaque cursors tell them apart. (From the
//! reviewer's attack, where it passed every test.)
//!
//! The habit of page-numbered APIs: `next` is only read as "is there more?", and the
//! next request is the current number plus one. A cursor is whatever the API put in
//! `next`: here pages 5, 17, 3 become requests for 5, 6, 7.

use std::collections::VecDeque;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (VecDeque::new(), Some(first), fetch_page);
    stream::unfold(
        state,
        |(mut buffer, mut cursor, mut fetch_page)| async move {
            while buffer.is_empty() {
                let current = cursor?;
                let page = fetch_page(current).await;
                buffer.extend(page.items);
                cursor = page.next.is_some().then_some(current + 1); // "the next page"
            }
            let item = buffer.pop_front()?;
            Some((item, (buffer, cursor, fetch_page)))
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
