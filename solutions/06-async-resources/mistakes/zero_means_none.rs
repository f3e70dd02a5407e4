//! Mistake: `ConnId(0)` stands for "nothing to release", like a closed fd of -1.
//! class: boundary — the fixture's connections were numbered from 1; conn 0 shows it.
//!
//! Found by the reviewer's attack. A guard needs a way to say "disarmed", and a magic id
//! looks cheaper than an `Option`: real connections "start at 1", as the fake's did.
//! But an id is whatever the pool hands out, and a pool may well hand out 0: that
//! connection is then treated as already released, and a caller cancelled mid-body
//! leaks it. `Option<ConnId>` keeps "none" apart from every id.

use std::future::Future;

// ANCHOR: mistake
/// "Nothing to release", or so it seems.
const NONE: ConnId = ConnId(0);

struct Guard<'a, P: Pool> {
    pool: &'a P,
    conn: ConnId,
}

impl<P: Pool> Drop for Guard<'_, P> {
    fn drop(&mut self) {
        if self.conn != NONE {
            self.pool.release_now(self.conn);
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
    let mut guard = Guard { pool, conn };
    let result = body(conn).await;
    pool.release(conn).await;
    guard.conn = NONE; // disarmed… unless conn 0 was the one handed out
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
