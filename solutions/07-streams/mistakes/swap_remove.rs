//! Mistake: `items` hands out a page's items with `swap_remove(0)`.
//! class: fixture — with pages of at most two items, `swap_remove(0)` keeps the order;
//! a page of three shows it. (From the reviewer's attack, where it passed every test.)
//!
//! "`remove(0)` shifts the whole `Vec`, `swap_remove(0)` is O(1)": true, and it moves the
//! last item into the hole, so a page `[a, b, c]` comes out `a, c, b`. Taking items from
//! the front without shifting is what `vec::IntoIter` (or a `VecDeque`) is for.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Vec::new(), Some(first), fetch_page);
    stream::unfold(
        state,
        |(mut buffer, mut cursor, mut fetch_page)| async move {
            while buffer.is_empty() {
                let page = fetch_page(cursor?).await;
                buffer = page.items;
                cursor = page.next;
            }
            let item = buffer.swap_remove(0); // O(1), and out of order
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
