//! Another correct way: no `unfold` at all, but an endless `stream::repeat(())` turned
//! into requests with `then`, the cursor in an `Rc<Cell<…>>` that each answered page
//! updates, and `take_while` to end at the first poll that finds no cursor.
//!
//! Why it is also correct: `then` calls the closure, and so `fetch_page`, only when the
//! stream is polled for its next page, and awaits that request before it asks
//! `repeat` for another `()`. With no cursor left the closure returns an instant
//! `None` without calling `fetch_page`, and `take_while` ends the stream there, for
//! good: it says `None` again if polled. The `Rc` is fine because nothing here needs to
//! be `Send`; the exercise asks for no bound that would forbid it. `flatten` then does
//! what `flat_map` does in the reference.

use std::cell::Cell;
use std::future::{self, Future};
use std::rc::Rc;

use futures::future::Either;
use futures::stream::{self, Stream, StreamExt};

/// One page of a listing, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<u32>,
}

// ANCHOR: then
pub fn pages<T, F, Fut>(first: u32, mut fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let cursor = Rc::new(Cell::new(Some(first)));
    stream::repeat(())
        .then(move |()| match cursor.get() {
            None => Either::Left(future::ready(None)),
            Some(current) => {
                let cursor = Rc::clone(&cursor);
                let request = fetch_page(current);
                Either::Right(async move {
                    let page = request.await;
                    cursor.set(page.next);
                    Some(page)
                })
            }
        })
        .take_while(|page| future::ready(page.is_some()))
        .map(|page| page.expect("take_while lets only `Some` through"))
}
// ANCHOR_END: then

pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    pages(first, fetch_page)
        .map(|page| stream::iter(page.items))
        .flatten()
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
