//! Mistake: `items` takes an empty first page for an empty listing, even when it says
//! `next: Some(…)`.
//! class: fixture — every listing in the old tests began with a page that held items,
//! and the only one that began empty was a single page that said `next: None`: there
//! "empty first page" and "empty listing" coincide. (From round 6's attack, where it
//! passed every test.)
//!
//! "No results" reads naturally as "the first page is empty", and the test for an empty
//! listing (one empty page, `next: None`) agrees. But an API that filters server-side
//! may send an empty page first and the matches later: only `next: None` ends the
//! listing, on the first page as on any other.

use std::collections::VecDeque;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

// ANCHOR: mistake
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (VecDeque::new(), Some(first), fetch_page, true);
    stream::unfold(
        state,
        |(mut page, mut cursor, mut fetch_page, mut first_page)| async move {
            loop {
                if let Some(item) = page.pop_front() {
                    return Some((item, (page, cursor, fetch_page, first_page)));
                }
                let fetched = fetch_page(cursor?).await;
                if first_page && fetched.items.is_empty() {
                    return None; // "no results"
                }
                first_page = false;
                cursor = fetched.next;
                page.extend(fetched.items);
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
