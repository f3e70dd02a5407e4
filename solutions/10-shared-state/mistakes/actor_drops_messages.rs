//! Mistake: the actor's handle uses `try_send`, and gives up when the mailbox is full.
//! class: fixture — with fewer callers at once than the mailbox holds it is right; only a
//! crowd larger than the mailbox shows it.
//!
//! It is tempting because `try_send` is not `async`: the caller never waits for a busy
//! actor, and a full mailbox looks like a reason to fail fast. But the request is then
//! simply gone: with more callers at once than the mailbox holds, some of them get
//! `Unavailable` from an actor that is running fine. A bounded mailbox is meant to
//! slow senders down (`send(…).await` waits for room), not to lose their requests.
//! (Part 1, the lock, is the reference's here.)

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    // Don't keep callers waiting on a busy actor: if the mailbox is full, fail.
    mailbox
        .try_send(make(reply))
        .map_err(|_| BankError::Unavailable)?;
    answer.await.map_err(|_| BankError::Unavailable)?
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
