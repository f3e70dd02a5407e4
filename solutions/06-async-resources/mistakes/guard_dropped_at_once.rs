//! Mistake: the guard is bound with `let _ = …`, so it is dropped on that very line.
//! class: other-side — every result is right; only the pool sees the early discard.
//!
//! Everything else is the reference solution. `let _ = value;` reads like "keep this, I
//! won't name it", and `let _lease = value;` is right; but `_` is not a variable: the
//! value is dropped at once, and the guard releases the connection before the body has
//! even started. The graceful release then hands it back a second time. No warning
//! from rustc or clippy by default: only a test that uses the connection catches it.
//! (The reviewer's attack wrote it too, from the Python habit of `_` for "unused".)

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let _ = Lease {
        pool,
        conn: Some(conn),
    }; // dropped right here: `release_now(conn)` runs before the body
    let result = body(conn).await;
    pool.release(conn).await;
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
