//! Another correct way: a guard with no "disarmed" state, forgotten once it is not needed.
//!
//! The guard always releases in `drop`; the graceful path, having released, skips that
//! `drop` altogether with `std::mem::forget`. There is no flag to get wrong and no id
//! that could mean "none". Forgetting a value leaks what it owns, which is why this is
//! fine only for a guard like this one: a reference and a `Copy` id, nothing to free.
//! (A guard that owned a `String`, say, would leak it.) Found by the reviewer's attack.

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

// ANCHOR: forget
/// Releases its connection in `drop`, always: forget it to keep it from doing so.
struct Guard<'a, P: Pool> {
    pool: &'a P,
    conn: ConnId,
}

impl<P: Pool> Drop for Guard<'_, P> {
    fn drop(&mut self) {
        self.pool.release_now(self.conn);
    }
}

pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let guard = Guard { pool, conn };
    let result = body(conn).await;
    pool.release(conn).await;
    // Released gracefully: skip the guard's `drop`. It owns nothing that would leak.
    std::mem::forget(guard);
    result
}
// ANCHOR_END: forget

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
