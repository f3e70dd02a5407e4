//! Mistake: `pages` takes an empty page with `next: None` for an end marker, not a page.
//! class: boundary — the last page, empty: through `items` it makes no difference (it
//! has no items), so only `pages` shows it. (From the reviewer's attack, where it
//! passed every test.)
//!
//! Many APIs answer "past the end" with an empty page, so an empty last page looks like
//! nothing but the end. But it is a page the API returned: a stream of pages yields it,
//! and ends on the poll after it. Whoever wants only the items has `items`.

use std::future::Future;

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
            let page = fetch_page(cursor?).await;
            if page.items.is_empty() && page.next.is_none() {
                return None; // "just the end marker"
            }
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
