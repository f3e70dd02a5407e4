//! Mistake: `fetch_all` "throttles" each poll with `std::thread::sleep`, which blocks
//! the runtime's thread.
//! class: other-side — every result and every duration on the paused clock would be
//! right; only the thread, asleep, shows it.
//!
//! A few milliseconds per poll look harmless, but `std::thread::sleep` stops the whole
//! thread, and with it every other task the runtime runs there: on a real clock, a
//! server doing this serves nothing while it sleeps. In an `async fn`, wait with
//! `tokio::time::sleep(..).await` if you must wait at all; here nothing needs to. The
//! spec watches its calls with `testkit::no_busy_task`, which sees the thread asleep.

use std::future::Future;

use futures::future::join_all;

// ANCHOR: mistake
pub async fn fetch_all<F, Fut, T>(ids: &[u32], fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut all = Box::pin(join_all(ids.iter().map(|&id| fetch(id))));
    std::future::poll_fn(|cx| {
        std::thread::sleep(std::time::Duration::from_millis(5)); // "don't poll too fast"
        all.as_mut().poll(cx)
    })
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
