//! Another correct way: a hand-written `Future` whose fields drop in the right order.
//!
//! No guard local: the body's future and the guard are two fields of one struct, `fut`
//! declared first. A struct with no `Drop` of its own drops its fields in declaration
//! order, so on a cancellation or a panic the body's future (and the statement it may
//! hold) is gone before the guard's `drop` calls `release_now`; and the drop glue goes
//! on to the guard even if dropping the body panics. Giving the struct a `Drop` of its
//! own that does both by hand loses that last guarantee. Found by round 7's attack.

use std::future::Future;

/// A connection checked out of a [`Pool`]: only a number, copied freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub u32);

/// A pool of connections (as in the exercise).
pub trait Pool {
    fn acquire(&self) -> impl Future<Output = ConnId> + Send;
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send;
    fn release_now(&self, conn: ConnId);
}

use std::pin::Pin;
use std::task::{Context, Poll};

struct Armed<'a, P: Pool> {
    pool: &'a P,
    conn: ConnId,
    armed: bool,
}

impl<P: Pool> Drop for Armed<'_, P> {
    fn drop(&mut self) {
        if self.armed {
            self.pool.release_now(self.conn);
        }
    }
}

/// Fields drop in declaration order: the body's future before the guard.
struct Body<'a, P: Pool, Fut> {
    fut: Option<Pin<Box<Fut>>>,
    guard: Armed<'a, P>,
}

impl<P: Pool, Fut: Future> Future for Body<'_, P, Fut> {
    type Output = Fut::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Fut::Output> {
        let this = &mut *self;
        let out = std::task::ready!(
            this.fut
                .as_mut()
                .expect("polled after done")
                .as_mut()
                .poll(cx)
        );
        this.fut = None;
        Poll::Ready(out)
    }
}

/// Runs `body` with a connection from `pool`, and releases it exactly once.
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let mut running = Body {
        fut: None,
        guard: Armed {
            pool,
            conn,
            armed: true,
        },
    };
    running.fut = Some(Box::pin(body(conn)));
    let out = (&mut running).await;
    pool.release(conn).await;
    running.guard.armed = false;
    out
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
