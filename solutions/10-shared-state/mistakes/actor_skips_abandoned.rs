//! Mistake: the actor skips a request whose caller has already stopped waiting ("nobody
//! wants the answer: don't waste an audit on it").
//! class: cancellation — a caller that gives up while its request is being carried out
//! still gets it carried out; only one that gives up while its request is still waiting
//! in the mailbox shows it.
//!
//! `reply.is_closed()` tells the actor that the caller has dropped its end, and skipping
//! the work looks like a free saving. But a caller that stops waiting (a `timeout`
//! around the call, a task aborted at shutdown) has given up on the *answer*, not on the
//! deposit: it cannot tell whether the deposit happened, and the task promises that a
//! request in the mailbox is carried out to the end. With the skip, the same give-up
//! either deposits or not depending on whether the actor had reached the request yet.
//! Carry out every request you take; only the answer may be dropped. (Part 1, the lock,
//! is the reference's here.)

use tokio::sync::mpsc;

// ANCHOR: mistake
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    while let Some(request) = mailbox.recv().await {
        // Nobody is waiting for the answer: skip it.
        let abandoned = match &request {
            Request::Balance { reply, .. } => reply.is_closed(),
            Request::Deposit { reply, .. } | Request::Withdraw { reply, .. } => reply.is_closed(),
            Request::Transfer { reply, .. } => reply.is_closed(),
        };
        if !abandoned {
            serve(&mut balances, &audit, request).await;
        }
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
