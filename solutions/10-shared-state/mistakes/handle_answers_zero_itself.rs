//! Mistake: the handle answers a transfer of 0 by itself, without sending it to the actor
//! ("nothing to move: no need to bother the actor").
//! class: path — while the actor runs, the answer is the same, `Ok(())`; only a transfer
//! of 0 sent after the actor has stopped shows it.
//!
//! A transfer of 0 changes nothing and asks no audit, so answering it on the spot looks
//! like a harmless shortcut. But the handle does not know whether the actor is still
//! there: only sending to it tells. After the actor has stopped, every request gets
//! `Unavailable`, and this one says `Ok(())` instead: the caller believes a bank that no
//! longer exists. An actor's handle is only an address: send every request, and let the
//! actor, the one owner of the bank, answer it. (Part 1, the lock, is the reference's
//! here.)

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    match make(reply) {
        // Nothing to move: answer it here.
        Request::Transfer {
            amount: 0, reply, ..
        } => reference::answer(reply, Ok(())),
        request => mailbox
            .send(request)
            .await
            .map_err(|_| BankError::Unavailable)?,
    }
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
