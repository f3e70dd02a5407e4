//! Mistake: the panic is caught, the connection discarded, and then one `yield` (to let
//! the pool see it) before the panic goes on.
//! class: path — a panic: something is awaited between catching it and passing it on.
//!
//! Found by round 12's attack. Everything else is as the exercise allows for a catch:
//! the closure's call and the future's polls are caught, the body's future is dropped
//! first, `release_now` runs, and the same payload goes on with `resume_unwind`. But a
//! yield sits in between, and a yield takes no time: on the paused clock the panic
//! still reaches the caller at the instant it happened. What shows it is the poll: the
//! future of `with_resource` returns `Pending` after the body panicked, and for that
//! turn of the executor the caller's task goes on as if nothing had gone wrong (on a
//! real server, every task sharing the thread runs first). "Nothing awaited first"
//! means not even a yield. The spec's panic tests watch for that `Pending`.

use std::future::Future;
use std::panic::resume_unwind;
use std::task::Poll;

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
    // The closure's call and the future's polls, caught; the future is dropped by now.
    let outcome = catching::catching(|| body(conn)).await;
    match outcome {
        Ok(result) => {
            pool.release(conn).await;
            lease.disarm();
            result
        }
        Err(panic) => {
            lease.disarm();
            pool.release_now(conn);
            // "Let the pool see it": a yield, so the panic waits a turn.
            let mut yielded = false;
            std::future::poll_fn(|cx| {
                if std::mem::replace(&mut yielded, true) {
                    return Poll::Ready(());
                }
                cx.waker().wake_by_ref();
                Poll::Pending
            })
            .await;
            resume_unwind(panic)
        }
    }
}
// ANCHOR_END: mistake

// The catch itself, shared with `repanics_with_the_same_text.rs`.
#[path = "common/catching.rs"]
mod catching;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as async_resources;
#[path = "../../../exercises/06-async-resources/tests/spec.rs"]
mod spec;
