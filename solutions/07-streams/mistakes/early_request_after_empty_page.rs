//! Mistake: `pages`, in the poll that yields an empty page, already calls `fetch_page`
//! for the page after it, "since nobody wants to look at an empty page".
//! class: fixture — the old test of one request per poll had no empty page; every
//! other test with one collects the whole listing, where the early call changes
//! nothing the consumer sees. (From round 9's attack, where it passed every test.)
//!
//! The consumer of `pages` asked for one page and got it, empty or not; it may stop
//! there, or wait before it asks again. Calling `fetch_page` is fetching (a real client
//! sends the request then): the request for the next page belongs to the poll that
//! asks for it. (`items`, which needs an item, does go on to the next page at once:
//! through its own poll of `pages`.)

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::stream::{self, Stream};

// ANCHOR: mistake
pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let mut fetch_page = fetch_page;
    let mut cursor = Some(first);
    let mut request: Option<Pin<Box<Fut>>> = None;
    stream::poll_fn(move |cx: &mut Context<'_>| {
        if request.is_none() {
            let Some(at) = cursor.take() else {
                return Poll::Ready(None);
            };
            request = Some(Box::pin(fetch_page(at)));
        }
        let page = ready!(request.as_mut().expect("set above").as_mut().poll(cx));
        request = None;
        cursor = page.next;
        if page.items.is_empty()
            && let Some(at) = cursor.take()
        {
            request = Some(Box::pin(fetch_page(at))); // "skip ahead, it's empty"
        }
        Poll::Ready(Some(page))
    })
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
