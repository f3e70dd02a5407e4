//! Mistake: `Send` bounds on everything, "so that it can be spawned".
//! class: fixture — every body the tests spawned was `Send`; one that is not shows it.
//!
//! Found by round 5's attack. The future of `with_resource` must be `Send` when what it
//! is given is: it is, with no bound at all, since an `async fn`'s future is `Send`
//! exactly when everything it keeps across an `.await` is. Bounds that demand it turn
//! "Send when spawned" into "Send always": a body that holds an `Rc`, awaited right on
//! the caller's thread, where nothing needs to be `Send`, no longer compiles. The
//! spec's `a_body_that_is_not_send_runs_on_the_callers_thread` awaits such a body, so
//! against this the spec does not compile; this file does the same below.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut + Send,
    Fut: Future<Output = Result<T, E>> + Send,
    T: Send,
    E: Send,
{
    let conn = pool.acquire().await;
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = body(conn).await;
    pool.release(conn).await;
    lease.disarm();
    result
}

/// What the spec's `a_body_that_is_not_send_runs_on_the_callers_thread` does: a body
/// awaited right on the caller's thread, which needs to be `Send` nowhere.
pub async fn on_the_callers_thread<P: Pool>(pool: &P) -> Result<Rc<String>, String> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sql = String::from("SELECT 1");
    with_resource(pool, move |conn| async move {
        let rows = format!("{sql} on conn {}", conn.0);
        std::future::ready(()).await; // the `Rc` below lives across this `.await`
        seen.borrow_mut().push(rows.clone());
        Ok(Rc::new(rows))
    })
    .await
}
// ANCHOR_END: mistake

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
