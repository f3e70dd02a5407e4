//! Mistake: catches the body's panic, then raises a new `panic!` with its text.
//! class: fixture — with a text payload, a new panic with the same text looks the same.
//!
//! Found by the reviewer's attack. The exercise allows catching the panic, on the
//! terms that the *same* panic goes on: `resume_unwind(payload)`. This one pulls the
//! text out of the payload and panics anew with it. Against a body that panics with
//! `panic!("…")` nobody can tell; but a payload that is a value (`panic_any(MyError)`,
//! which a caller may `downcast`) arrives as a `String`, and the hook prints the panic
//! a second time. (Here the new panic is raised with `resume_unwind` of a new
//! `String`, which skips the hook, so that this record shows only the test's message;
//! `panic!("{text}")` fails the same way.)

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
    let caught = catching::catching(|| body(conn)).await;
    match caught {
        Ok(result) => {
            pool.release(conn).await;
            lease.disarm();
            result
        }
        Err(payload) => {
            drop(lease); // release_now
            let text = testkit::panic_text(&*payload).unwrap_or("the body panicked");
            // A new panic with the same text, not the body's (which `resume_unwind(payload)`
            // would be). `panic!("{text}")` does the same, and prints the panic again.
            std::panic::resume_unwind(Box::new(text.to_owned()))
        }
    }
}
// ANCHOR_END: mistake

// The catch itself, shared with `yields_before_resuming.rs`.
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
