//! Mistake: the body's future is made first, and the guard only after it.
//! class: path — a panic in a new place: in the closure itself, before its future exists.
//!
//! Found by the reviewer's attack. `let fut = body(conn);` looks like it only builds a
//! future, so arming the guard on the next line, just before the `.await`, seems soon
//! enough. It is, for a panic inside the `async` block. But calling the closure runs
//! the closure's own code, up to the `async` block, on that line: a closure that
//! panics there (checking its argument, say) unwinds before the guard exists, and the
//! connection leaks.

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let fut = body(conn); // runs the closure: a panic here finds no guard
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = fut.await;
    pool.release(conn).await;
    lease.disarm();
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
