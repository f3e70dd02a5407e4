//! Mistake: "the current connection" lives in a thread-local, and the guard releases it.
//! class: fixture — one caller at a time; two at once on one thread show it.
//!
//! Found by round 5's attack. Python code often keeps the current connection in a
//! `contextvars.ContextVar` or Flask's `g.db`; here a `thread_local!` holds it and
//! the guard releases whatever is current. Each call alone works. But tasks on one
//! thread interleave at every `.await`: a second caller's `acquire` overwrites the
//! first's connection, and when the first gives up, its guard discards the second's
//! connection, in the middle of its body, and leaks its own. (A `static` is the same
//! mistake, shared by every thread.) The guard's own field says which connection it
//! owns.

use std::cell::Cell;
use std::future::Future;

// ANCHOR: mistake
thread_local! {
    static CURRENT: Cell<Option<ConnId>> = const { Cell::new(None) };
}

struct ReleasesCurrent<'a, P: Pool> {
    pool: &'a P,
}

impl<P: Pool> Drop for ReleasesCurrent<'_, P> {
    fn drop(&mut self) {
        if let Some(conn) = CURRENT.take() {
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
    let conn = pool.acquire().await;
    CURRENT.set(Some(conn));
    let _guard = ReleasesCurrent { pool };
    let result = body(conn).await;
    pool.release(conn).await;
    CURRENT.set(None);
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
