//! Mistake: the handle `try_send`s, and while the mailbox is full tries again after a
//! `yield_now()`.
//! class: path — the path where the mailbox is full: no request is lost any more, and
//! every answer would be right; but the wait for room never waits for anything.
//!
//! The fix for `try_send` losing requests, without `send(…).await`: keep trying. The
//! actor empties the mailbox only as fast as its audits allow, and a caller that is
//! always ready to run keeps tokio from ever being idle: on the paused test clock, time
//! never moves on, the audit never ends and the mailbox never gets room (the suite used
//! to hang for good here); in production every waiting caller burns the CPU the actor
//! needs. `send(…).await` (or `reserve().await`) queues the caller and wakes it when
//! there is room. (Part 1, the lock, is the reference's here.)

use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    let mut request = make(reply);
    loop {
        match mailbox.try_send(request) {
            Ok(()) => break,
            Err(TrySendError::Full(again)) => {
                request = again;
                tokio::task::yield_now().await;
            }
            Err(TrySendError::Closed(_)) => return Err(BankError::Unavailable),
        }
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
