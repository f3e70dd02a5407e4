//! Mistake: while a change is in its audit, the actor answers reads of the accounts that
//! change does not touch, at once ("they cannot be affected, why make them wait?").
//! class: fixture — every read of the account being changed still waits,
//! so only a read of *another* account, asked during an audit, shows it.
//!
//! The answers are even right: the other accounts' balances are the committed ones. But
//! the actor now handles more than one message at a time, and every such shortcut is a
//! rule of its own to get right (which accounts a request touches, what to do with the
//! request that is not a read, when the mailbox closes meanwhile). The task asks for one
//! message at a time, each to the end: take the next request only once the last one is
//! done. A part-1 bank with a lock per account may answer other accounts at once; the
//! actor's promise is simpler. (Part 1, the lock, is the reference's here.)

use tokio::sync::mpsc;

// ANCHOR: mistake
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut mailbox: mpsc::Receiver<Request>) {
    // A request taken out during an audit that had to wait: served next.
    let mut held: Option<Request> = None;
    loop {
        let request = match held.take() {
            Some(request) => request,
            None => match mailbox.recv().await {
                Some(request) => request,
                None => break,
            },
        };
        let touched = match &request {
            Request::Balance { .. } => vec![],
            Request::Deposit { account, .. } | Request::Withdraw { account, .. } => {
                vec![*account]
            }
            Request::Transfer { from, to, .. } => vec![*from, *to],
        };
        let committed = balances.clone();
        let work = serve(&mut balances, &audit, request);
        tokio::pin!(work);
        loop {
            tokio::select! {
                () = &mut work => break,
                // Reads of other accounts are answered from the committed balances.
                Some(next) = mailbox.recv(), if held.is_none() => match next {
                    Request::Balance { account, reply } if !touched.contains(&account) => {
                        answer(reply, Ok(committed[account]));
                    }
                    other => held = Some(other),
                },
            }
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
