//! Mistake: the closure's panic is caught with `catch_unwind`, made to compile with an
//! `F: UnwindSafe` bound.
//! class: fixture — every closure in the tests happened to be `UnwindSafe`.
//!
//! Found by round 5's attack. `catch_unwind(move || body(conn))` asks for an
//! `UnwindSafe` closure, and the compiler suggests the bound; the rest is right (the
//! panic goes on at once, with `release_now`). But `UnwindSafe` is only a lint in
//! the type system, and the bound rejects ordinary bodies: one that captures a
//! `RefCell` (or an `Rc<RefCell<_>>`, or a `&mut`) no longer compiles. Catching needs
//! no bound: wrap the closure in `std::panic::AssertUnwindSafe`, as the exercise's
//! doc allows, or catch nothing and let a guard's `drop` do it. The spec's
//! `a_body_that_is_not_send_runs_on_the_callers_thread` gives it a closure that
//! captures an `Rc<RefCell<_>>`, so against this the spec does not compile; this file
//! does the same below.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::RefCell;
use std::future::Future;
use std::panic::{UnwindSafe, catch_unwind, resume_unwind};
use std::rc::Rc;

// ANCHOR: mistake
pub async fn with_resource<P, F, Fut, T, E>(pool: &P, body: F) -> Result<T, E>
where
    P: Pool,
    F: FnOnce(ConnId) -> Fut + UnwindSafe,
    Fut: Future<Output = Result<T, E>>,
{
    let conn = pool.acquire().await;
    let fut = match catch_unwind(move || body(conn)) {
        Ok(fut) => fut,
        Err(payload) => {
            pool.release_now(conn);
            resume_unwind(payload)
        }
    };
    let mut lease = Lease {
        pool,
        conn: Some(conn),
    };
    let result = fut.await;
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
