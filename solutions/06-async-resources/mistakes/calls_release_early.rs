//! Mistake: `pool.release(conn)` is called before the body runs, and awaited after it.
//! class: other-side — only a pool that starts its reset when called shows it.
//!
//! Found by round 5's attack. In Python, calling a coroutine function makes a coroutine
//! object that does nothing until awaited, so preparing the cleanup first looks free. A
//! Rust future does nothing until polled too, but `release` is a plain `fn` that
//! returns it, and the pool may do work in that call: the trait's doc says the reset
//! may begin as soon as `release` is called. This one resets the connection under the
//! body's feet. The spec's pool begins its reset when `release` is called, and notes
//! every use of the connection after that.

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
    let release = pool.release(conn); // "only a future: nothing happens yet"
    let result = body(conn).await;
    release.await;
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
