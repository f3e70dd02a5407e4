//! Mistake: an iterator that `block_on`s each request, turned into a stream.
//! class: path — on the test's runtime the request can never be answered: the old
//! tests hung for real, and now the fake names `block_on`. (From round 5's attack.)
//!
//! What a Python programmer writes with `asyncio.run` inside `__next__`: a plain
//! iterator that runs each request to its end. But `futures::executor::block_on`
//! blocks the thread it is called on, and here that is the thread the runtime runs on:
//! the timer that would answer the request runs there too, so it never fires. A stream
//! never blocks: it keeps the request's future and returns `Pending` while it waits.

use std::future::Future;

use futures::stream::{self, Stream};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut fetch_page = fetch_page;
    let mut cursor = Some(first);
    stream::iter(std::iter::from_fn(move || {
        let page = futures::executor::block_on(fetch_page(cursor?));
        cursor = page.next;
        Some(page)
    }))
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
