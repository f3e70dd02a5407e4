//! Mistake: the handle waits at most five seconds for its answer, then says `Unavailable`.
//! class: cancellation — a timeout inside the call: every test whose actor answers within
//! five seconds passes; only an actor busy for longer (a slow audit) shows it.
//!
//! "Never wait forever" is good advice for the caller, and wrong inside the handle: the
//! actor is running and will carry the request out (it is in the mailbox), so the caller
//! is told `Unavailable`, "the actor is gone", about a bank that is there and is about
//! to do what it asked. The caller cannot even tell whether the deposit happened. A
//! handle that waits for as long as the actor takes leaves the choice to the caller: a
//! `timeout` around the call, and then it knows that it gave up. (Part 1, the lock, is
//! the reference's here.)

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    mailbox
        .send(make(reply))
        .await
        .map_err(|_| BankError::Unavailable)?;
    // Five seconds is more than any audit should take.
    match tokio::time::timeout(Duration::from_secs(5), answer).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) | Err(_) => Err(BankError::Unavailable),
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
