//! Mistake: drops the body's future before the release on `Ok` only, not on `Err`.
//! class: path — the order was fixed on the path a test pointed at, not on the other.
//!
//! Found by the reviewer's attack. The body's future is boxed and awaited by
//! reference, so it outlives the `.await`. The `Ok` arm drops it before the graceful
//! release; the `Err` arm releases while it is still alive, and a statement it holds
//! closes only at the end of the function, on a connection already given back.

use std::future::Future;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let mut lease = reference::Lease {
        pool,
        conn: Some(conn),
    };
    let mut fut = Box::pin(body(conn));
    match (&mut fut).await {
        Ok(value) => {
            drop(fut); // the body is done with the connection
            pool.release(conn).await;
            lease.disarm();
            Ok(value)
        }
        Err(error) => {
            pool.release(conn).await; // `fut` is still alive here
            lease.disarm();
            Err(error)
        }
    }
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
