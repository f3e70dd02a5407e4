//! Mistake: the handle waits at most a second for room in the mailbox, then says
//! `Unavailable`.
//! class: cancellation — a timeout inside the call: every test whose mailbox empties
//! within a second passes; only an actor busy for longer, with a full mailbox, shows it.
//!
//! `send_timeout` looks like the careful middle between `try_send` (gives up at once) and
//! `send(…).await` (waits as long as it takes). But a full mailbox means the actor is
//! busy, not gone: the caller is told `Unavailable` about a bank that is running, and
//! its request is dropped. Backpressure means the caller waits; one that cannot wait puts
//! a `timeout` around the call. (Part 1, the lock, is the reference's here.)

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

// ANCHOR: mistake
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    mailbox
        .send_timeout(make(reply), Duration::from_secs(1))
        .await
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
