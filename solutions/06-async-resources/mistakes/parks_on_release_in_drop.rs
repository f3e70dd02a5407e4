//! Mistake: the guard's `drop` runs the graceful release to the end with a small
//! `block_on` of its own, on the caller's thread.
//! class: cancellation — a caller that gave up, and its `drop` that still waits.
//!
//! Found by round 5's attack. `asyncio.run(pool.release(conn))` in a `__del__`, with
//! only `std`: a waker that unparks the thread, then poll and park until it is done.
//! On a real runtime the thread stops dead, and every task on it with it, until the
//! reset is over; on the tests' paused clock it would never be over (the clock moves
//! only when the runtime's thread is idle), so this hung the spec. The spec's pool
//! now notices a `release` polled by another executor than the caller's and finishes
//! it at once, so the mistake fails instead of hanging. In a `drop`, call
//! `release_now`.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake};
use std::thread::Thread;

// ANCHOR: mistake
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `fut` to the end on this thread, parking it between polls.
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let waker = Arc::new(Unpark(std::thread::current())).into();
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::park();
    }
}

struct Lease<'a, P: Pool> {
    pool: &'a P,
    conn: Option<ConnId>,
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            block_on(self.pool.release(conn));
        }
    }
}

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
    let result = body(conn).await;
    pool.release(conn).await;
    lease.conn = None;
    result
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
