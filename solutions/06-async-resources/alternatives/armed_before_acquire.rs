//! Another correct way: the guard exists before the connection does, as an empty slot.
//!
//! The slot is made first and empty; `acquire` fills it, the graceful release empties
//! it again. Cancelled while acquiring, it is dropped empty and releases nothing, as the
//! exercise asks; on every later way out it holds the id and releases it. The slot is a
//! `Cell<Option<ConnId>>`, changed through a shared reference: a `Cell` is `Send`
//! (only not `Sync`), so the future still is, unlike one that shares an `Rc`. Found by
//! the reviewer's attack.

use std::cell::Cell;
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

/// Holds the connection to release, if any, from before it was acquired.
struct Slot<'a, P: Pool> {
    pool: &'a P,
    held: Cell<Option<ConnId>>,
}

impl<P: Pool> Drop for Slot<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = self.held.take() {
            self.pool.release_now(conn);
        }
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let slot = Slot {
        pool,
        held: Cell::new(None),
    };
    let conn = pool.acquire().await;
    slot.held.set(Some(conn));
    let result = body(conn).await;
    pool.release(conn).await;
    slot.held.set(None);
    result
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
