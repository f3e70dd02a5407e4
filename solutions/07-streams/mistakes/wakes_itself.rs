//! Mistake: a hand-written `poll_fn` that wakes itself before each `Pending`, "to be
//! sure it is polled again".
//! class: path — the items come out right, so only a watch on how often the stream is
//! polled shows it; on the paused clock the old tests hung for real. (From round 5's
//! attack.)
//!
//! The request it polls has already arranged its wake-up (its timer will wake the
//! task) when it says `Pending`. Waking the task again at once makes the executor poll
//! it again at once, and again: a busy loop that burns a core while it waits. Return
//! `Pending` only because what you polled did, and let that wake you.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, Stream, StreamExt};

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
            let Some(at) = cursor else {
                return Poll::Ready(None);
            };
            request = Some(Box::pin(fetch_page(at)));
        }
        let in_progress = request.as_mut().expect("set just above");
        match in_progress.as_mut().poll(cx) {
            Poll::Pending => {
                cx.waker().wake_by_ref(); // "so that we are polled again"
                Poll::Pending
            }
            Poll::Ready(page) => {
                request = None;
                cursor = page.next;
                Poll::Ready(Some(page))
            }
        }
    })
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
