//! Mistake: `try_send`, behind a mailbox of 65 536 ("no crowd that large will ever come").
//! class: fixture — every test that sends fewer requests than the mailbox holds passes;
//! only a crowd larger than the mailbox, while the actor is busy, shows it.
//!
//! The bigger sibling of `try_send_big_mailbox`: after a mailbox of 1024 was seen to fill,
//! make it 65 536, and even ten thousand callers at once get their answers. But `try_send`
//! still gives up the moment the mailbox is full, and a busy actor's mailbox fills up,
//! whatever its size, as soon as enough callers come (a burst after a restart, a slow
//! audit). The test keeps the actor busy with one deposit in its audit, sends a hundred
//! thousand requests, and looks at who did not wait. Waiting for room (`send(…).await`)
//! is what makes every request get its answer; the capacity only says how far ahead the
//! callers may queue. (A mailbox bigger than any crowd a test can send would pass that
//! test; it is caught by the bound instead: the exercise allows at most 1024. The
//! lesson is the call, not the number.) (Part 1, the lock, is the reference's here.)

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
/// Big enough that callers never wait (until they do).
const MAILBOX: usize = 65_536;

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
