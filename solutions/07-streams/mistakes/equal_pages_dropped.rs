//! Mistake: `pages` leaves out a page equal to the one before it, "the API re-sent it".
//! class: fixture — no listing in the old tests had two equal pages with items in a
//! row, so a fingerprint of the page before let everything through; a feed that hands
//! out the same record twice shows it. (From round 9's attack, where it passed every
//! test.)
//!
//! Retries and offset pagination can repeat a page, so a learner keeps a hash of the
//! last page and skips a twin. But two equal pages are two answers of the API (a feed
//! at its cursor sending the same record again, a record that happens to repeat): the
//! stream cannot tell a repeat from a twin, and `items`, built on it, loses the
//! records too. Yield every page; removing duplicates is the consumer's decision.

use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};

use futures::stream::{self, Stream, StreamExt};

// workshop: whole file: the reference's `items` calls `crate::pages`, which here needs
// a `Hash` bound that the reference's `items` does not have.

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// This page's records (maybe none).
    pub items: Vec<T>,
    /// The cursor to pass to `fetch_page` for the following page; `None` on the last.
    pub next: Option<u32>,
}

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    T: Hash,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let fingerprint = |page: &Page<T>| {
        let mut hasher = DefaultHasher::new();
        (&page.items, page.next).hash(&mut hasher);
        hasher.finish()
    };
    let state = (Some(first), fetch_page, None);
    stream::unfold(
        state,
        move |(mut cursor, mut fetch_page, mut last)| async move {
            loop {
                let page = fetch_page(cursor?).await;
                cursor = page.next;
                let this = fingerprint(&page);
                if !page.items.is_empty() && last == Some(this) {
                    continue; // "the same page again: skip it"
                }
                last = Some(this);
                return Some((page, (cursor, fetch_page, last)));
            }
        },
    )
    .fuse()
}
// ANCHOR_END: mistake

/// The reference's `items`, with the `Hash` bound the `pages` above needs.
pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    T: Hash,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    pages(first, fetch_page).flat_map(|page| stream::iter(page.items))
}

// The exercise's tests run against this file.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
