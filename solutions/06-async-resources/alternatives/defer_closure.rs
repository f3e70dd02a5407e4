//! Another correct way: a general-purpose `defer`, a guard that runs any closure.
//!
//! Go's `defer` and Python's `contextlib.ExitStack.callback` in Rust: `Defer` holds a
//! closure and calls it in `drop` unless it was cancelled. The fallback release is
//! then one line, `Defer::new(move || pool.release_now(conn))`, made before the body's
//! closure is called, and `cancel` (which takes the guard by value) disarms it once the
//! graceful release has completed. The closure captures only `&P` and a `ConnId`, so
//! the future stays `Send`. Found by the reviewer's attack.

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

// ANCHOR: defer
/// Runs its closure when dropped, unless [`Defer::cancel`] was called first.
struct Defer<G: FnOnce()>(Option<G>);

impl<G: FnOnce()> Defer<G> {
    fn new(on_drop: G) -> Self {
        Self(Some(on_drop))
    }

    /// Disarms it: `drop` then finds nothing to run.
    fn cancel(mut self) {
        self.0 = None;
    }
}

impl<G: FnOnce()> Drop for Defer<G> {
    fn drop(&mut self) {
        if let Some(on_drop) = self.0.take() {
            on_drop();
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
    let fallback = Defer::new(move || pool.release_now(conn));
    let result = body(conn).await;
    pool.release(conn).await;
    fallback.cancel();
    result
}
// ANCHOR_END: defer

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
