//! Mistake: one guard owns the body's future too, and its `drop` releases first.
//! class: cancellation — dropped mid-body, the connection goes back before the body's
//! future (and what it holds on the connection) is gone.
//!
//! Found by the reviewer's attack. Keeping the body's future inside the guard reads
//! like "they belong together". But a struct's `drop` runs *before* its fields are
//! dropped: `release_now` hands the connection back while the body's future, still in
//! the field `body`, holds a statement open on it, and that statement then closes on a
//! connection that may already belong to somebody else. On success the graceful
//! release even runs while the guard still keeps the finished future.

use std::future::Future;
use std::pin::Pin;

// ANCHOR: mistake
/// The duty to release, and the body's future, in one value.
struct Leased<'a, P: Pool, Fut> {
    pool: &'a P,
    conn: Option<ConnId>,
    body: Option<Pin<Box<Fut>>>,
}

impl<P: Pool, Fut> Drop for Leased<'_, P, Fut> {
    fn drop(&mut self) {
        // Runs before the fields are dropped: `self.body` is still alive here.
        if let Some(conn) = self.conn.take() {
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
    let mut leased = Leased {
        pool,
        conn: Some(conn),
        body: None,
    };
    let result = leased.body.insert(Box::pin(body(conn))).await;
    pool.release(conn).await;
    leased.conn = None;
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
