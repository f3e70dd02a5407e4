//! Mistake: `items` skips one empty page, with an `if` where a `loop` is needed.
//! class: fixture — a listing with one empty page in the middle passes; two in a row
//! end the stream there. (From the reviewer's attack, where it passed every test.)
//!
//! The fix a learner makes after a test fails on one empty middle page: "if the page
//! was empty but says `next: Some`, fetch once more". The second empty page in a row
//! then looks like the end, and everything after it is lost.

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
            if buffer.is_empty() {
                let page = fetch_page(cursor?).await;
                buffer.extend(page.items);
                cursor = page.next;
                if buffer.is_empty() {
                    // An empty page in the middle: skip it. (Once.)
                    let page = fetch_page(cursor?).await;
                    buffer.extend(page.items);
                    cursor = page.next;
                }
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
