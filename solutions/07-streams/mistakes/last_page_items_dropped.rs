//! Mistake: a standalone `items` that ends the listing when a page says `next: None`,
//! without handing out that page's items.
//! class: boundary — the last page: every listing in the old tests ended on an empty
//! page, where dropping its items drops nothing. (From the reviewer's attack, where it
//! passed every test.)
//!
//! Written on its own, `items` keeps a buffer and a cursor, and the `match` on `next`
//! reads naturally: `Some(n)`, keep the items and go on; `None`, "the listing is over".
//! But `None` says there is no page *after* this one, and this one may be full.

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
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Some((item, (buffer, cursor, fetch_page)));
                }
                let page = fetch_page(cursor?).await;
                match page.next {
                    Some(next) => {
                        buffer.extend(page.items);
                        cursor = Some(next);
                    }
                    None => return None, // "the listing is over", and so are its last items
                }
            }
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
