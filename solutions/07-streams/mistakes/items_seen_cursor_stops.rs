//! Mistake: `items`, written on its own, stops at a cursor it has seen before.
//! class: fixture — the repeated cursors were tried with `pages` only; `items` written
//! without `pages` can get it wrong on its own. (From the reviewer's attack, where it
//! passed every test.)
//!
//! The same "cycle protection" as a `HashSet` of cursors in `pages`, and as wrong: a
//! feed may hand out the same cursor again, and the listing is cut short with no
//! error. Both streams follow `next` wherever it leads.

use std::collections::HashSet;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (
        Some(first),
        fetch_page,
        HashSet::new(),
        Vec::new().into_iter(),
    );
    stream::unfold(
        state,
        |(mut cursor, mut fetch_page, mut seen, mut current)| async move {
            loop {
                if let Some(item) = current.next() {
                    return Some((item, (cursor, fetch_page, seen, current)));
                }
                let at = cursor?;
                if !seen.insert(at) {
                    return None; // been here before: "a loop"
                }
                let page: Page<T> = fetch_page(at).await;
                cursor = page.next;
                current = page.items.into_iter();
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
