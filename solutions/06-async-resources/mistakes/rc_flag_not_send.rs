//! Mistake: the guard and the function share a "done" flag through an `Rc<Cell<bool>>`.
//! class: fixture — awaited right on the test's thread an `Rc` works; spawned it cannot.
//!
//! Found by the reviewer's attack, who took it for a correct answer: the connection goes
//! back exactly once on every path, and a test that awaits `with_resource` directly
//! passes. But the future of an `async fn` holds every local alive across an `.await`,
//! here the `Rc`, and an `Rc` is not `Send` (two threads could change its count at
//! once). So the whole future is not `Send`, and `tokio::spawn`, which may move a task
//! to another thread at any `.await`, refuses it: no server could use this helper in
//! a request's task. The exercise asks for a `Send` future; the guard needs no sharing
//! at all, only a field it owns (`Option<ConnId>`, or a `bool`).
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message, which the book shows.
// workshop: must not compile

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

// ANCHOR: mistake
/// Releases on drop unless the shared flag says the graceful release finished.
struct Fallback<'a, P: Pool> {
    pool: &'a P,
    conn: ConnId,
    done: Rc<Cell<bool>>,
}

impl<P: Pool> Drop for Fallback<'_, P> {
    fn drop(&mut self) {
        if !self.done.get() {
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
    let done = Rc::new(Cell::new(false));
    let _fallback = Fallback {
        pool,
        conn,
        done: Rc::clone(&done),
    };
    let result = body(conn).await; // `done` and `_fallback` (an `Rc` each) live across this
    pool.release(conn).await;
    done.set(true);
    result
}

/// What the tests do, and every server: run it in a task of its own.
pub fn in_a_task<P: Pool + Send + Sync + 'static>(pool: Arc<P>) {
    let request = async move {
        let pool = &*pool;
        with_resource(pool, |_conn| async { Ok::<_, String>(()) }).await
    };
    tokio::spawn(request);
}
// ANCHOR_END: mistake

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
