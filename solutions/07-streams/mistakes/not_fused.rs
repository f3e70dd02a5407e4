//! Mistake: the reference's `pages` without `.fuse()`.
//! class: path — a repeat: only a consumer that polls again after the end (a `select!`
//! loop, a `poll_next` by hand) meets the panic.
//!
//! `stream::unfold` is the right tool, and its stream ends correctly; but it panics if
//! it is polled again after it returned `None` ("Unfold must not be polled after it
//! returned `Poll::Ready(None)`"). Streams are not required to be fused, and this one
//! is asked to be: `.fuse()` makes it say `None` again, and `items`, built on it, does
//! the same.

use std::future::Future;

use futures::stream::{self, Stream};

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
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    ) // and polled after its end, it panics
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
