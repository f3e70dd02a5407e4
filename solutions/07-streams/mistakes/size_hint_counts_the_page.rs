//! Mistake: a hand-written stream of items whose `size_hint` is the page in hand, "like
//! `ExactSizeIterator`".
//! class: other-side — every item comes, in order, and no test looked at the hint; a
//! consumer that trusts it (sizing a buffer, or stopping at the upper bound) is told
//! that the listing ends with the current page. (From round 11's attack, where it
//! passed every test.)
//!
//! The items buffered are all the stream knows, so they look like what is left. But the
//! pages not fetched yet hold more, and an upper bound is a promise that no more will
//! come. Until the page that says `next: None` is in, the upper bound is `None`: the
//! default, `(0, None)`, is always true; a lower bound of the buffered count is fine.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Stream, StreamExt};

// ANCHOR: mistake
pub struct Items<S, T> {
    pages: S,
    #[allow(clippy::box_collection)] // boxed, so that `Items` is `Unpin` whatever `T` is
    page: Box<VecDeque<T>>,
    ended: bool,
}

impl<S: Stream<Item = Page<T>> + Unpin, T> Stream for Items<S, T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.page.pop_front() {
                return Poll::Ready(Some(item));
            }
            if this.ended {
                return Poll::Ready(None);
            }
            match std::task::ready!(this.pages.poll_next_unpin(cx)) {
                Some(page) => this.page.extend(page.items),
                None => this.ended = true,
            }
        }
    }

    // "What is left is what is buffered", as for an `ExactSizeIterator`.
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.page.len(), Some(self.page.len()))
    }
}

pub fn items<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let pages = Box::pin(crate::pages(first, fetch_page));
    Items {
        pages,
        page: Box::default(),
        ended: false,
    }
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
