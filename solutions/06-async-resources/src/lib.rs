//! Reference solution for exercise 06: `async with` as a guard plus an awaited release.

use std::future::Future;

/// A connection checked out of a [`Pool`]: only a number, copied freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub u32);

/// A pool of connections. The tests implement it with a fake that records every
/// acquire and release.
pub trait Pool {
    /// Checks a connection out. It may wait (for a free slot, for a connect).
    fn acquire(&self) -> impl Future<Output = ConnId> + Send;

    /// Gives `conn` back gracefully: the pool resets its session first, which takes a
    /// moment. If this future is dropped before it completes, `conn` is *not* released.
    /// The reset may begin as soon as `release` is called, before the future is first
    /// polled: call it only to await it, once the body is done with `conn`.
    fn release(&self, conn: ConnId) -> impl Future<Output = ()> + Send;

    /// Gives `conn` back at once, without waiting: the pool discards it instead of
    /// resetting it. For the places that cannot `.await`. Never panics (nor does
    /// `release`).
    fn release_now(&self, conn: ConnId);
}

// ANCHOR: with_resource
/// Runs `body` with a connection from `pool`, and releases the connection exactly once
/// on every path: success, error, panic and cancellation.
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // Cancelled while acquiring, we hold nothing yet: nothing to release.
    let conn = pool.acquire().await;
    // From here on, every way out of this function drops `lease`: a return, a panic
    // unwinding out of the body, or the caller dropping this future at one of the two
    // `.await`s below. Its `Drop` is the release of last resort.
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    // Ok and Err alike come back here as a value; only a panic or a cancellation
    // leaves this line another way, and both are `lease`'s job. The body's future is a
    // temporary of this statement, dropped at its end; on a panic or a cancellation it
    // is dropped before `lease` (younger values go first), so the body never outlives
    // its connection.
    let result = body(conn).await;
    // There is time for the graceful release, so await it. The lease stays armed
    // meanwhile: if the caller gives up during the reset, `release` is dropped
    // half-way (having released nothing) and `lease` releases instead.
    pool.release(conn).await;
    lease.disarm();
    result
}
// ANCHOR_END: with_resource

// ANCHOR: lease
/// Owns the duty to release one connection, until it is disarmed.
// `pub(crate)`, with its fields: the known mistakes (`mistakes/`) reuse it.
pub(crate) struct Lease<'a, P: Pool> {
    pub(crate) pool: &'a P,
    /// `Some` while the connection still needs releasing: `take()` makes "once" hold.
    pub(crate) conn: Option<ConnId>,
}

impl<P: Pool> Lease<'_, P> {
    /// The connection went back another way: `Drop` must not release it again.
    pub(crate) fn disarm(&mut self) {
        self.conn = None;
    }
}

impl<P: Pool> Drop for Lease<'_, P> {
    fn drop(&mut self) {
        // `drop` cannot `.await`, and it may run while a panic unwinds: only the
        // immediate release fits here.
        if let Some(conn) = self.conn.take() {
            self.pool.release_now(conn);
        }
    }
}
// ANCHOR_END: lease
