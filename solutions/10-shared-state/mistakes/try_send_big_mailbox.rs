//! Mistake: `try_send`, behind a mailbox "so big it never fills up".
//! class: fixture — a crowd of 300 fits in a mailbox of 1024; only a larger one shows it.
//!
//! The fix people reach for after losing requests to a full mailbox of 16: make it 1024.
//! Every test with a few hundred callers passes. But the request is still dropped the
//! moment the mailbox is full, and a mailbox of any size fills up when enough callers
//! come at once (a burst after a restart, a slow audit). Waiting for room
//! (`send(…).await`) is what makes every request get its answer; the capacity only
//! says how far ahead the callers may queue. (Part 1, the lock, is the reference's here.)

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
/// Big enough for any crowd (it is not).
const MAILBOX: usize = 1024;

async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
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
