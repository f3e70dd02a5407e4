//! Mistake: with_resource polls the body itself, with a `Context` of its own made from
//! `Waker::noop()`, and wakes the caller's waker each time the body is `Pending`, so as
//! to be polled again at once.
//! class: other-side — on a real clock every result, release and time is right; only
//! tokio's paused clock, which never moves on while the call spins, shows it.
//!
//! Found by round 7's attack, as a loop of `await asyncio.sleep(0)` would be written in
//! Python. The guard and the release are the reference's. The body's timers and I/O
//! wake the waker they were polled with: here a noop, so nobody learns that the body
//! can go on, and the call keeps tokio busy polling it instead. On a real clock that
//! only burns a core while it waits; on the tests' paused clock time never moves while
//! a task is running, so the body's query never ends and the test hung. Now it fails
//! at once: the spec watches for a future polled a thousand times at one instant.
//! `.await` the body: it wakes the caller's task itself.

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let out = {
        let mut fut = std::pin::pin!(body(conn));
        // Poll it ourselves, like a loop of `await asyncio.sleep(0)`.
        std::future::poll_fn(|cx| {
            let mut noop = std::task::Context::from_waker(std::task::Waker::noop());
            match fut.as_mut().poll(&mut noop) {
                std::task::Poll::Ready(v) => std::task::Poll::Ready(v),
                std::task::Poll::Pending => {
                    cx.waker().wake_by_ref();
                    std::task::Poll::Pending
                }
            }
        })
        .await
    };
    pool.release(conn).await;
    lease.disarm();
    out
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
