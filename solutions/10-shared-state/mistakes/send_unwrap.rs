//! Mistake: the handle `unwrap`s the send and the reply: "the actor is always there".
//! class: path — while the actor runs it is right; only a call to an actor that has
//! stopped shows it: the caller panics instead of getting `Unavailable`.
//!
//! Both results look like formalities: the actor is spawned with the handle and lives
//! as long as it does. But an actor can stop early (its audit panicked, say), and then
//! `send` fails (the mailbox is closed) and the reply channel closes without an answer.
//! `unwrap` turns that into a panic in every caller, in tasks that did nothing wrong.
//! That is what `BankError::Unavailable` is for. (Part 1, the lock, is the reference's
//! here.)

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    mailbox.send(make(reply)).await.unwrap();
    answer.await.unwrap()
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
