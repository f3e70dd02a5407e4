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

use reference::{Ledger, Reply, Request};
use tokio::sync::{mpsc, oneshot};

const MAILBOX: usize = reference::MAILBOX;

#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(MAILBOX);
        tokio::spawn(reference::run_bank(Ledger { balances }, audit, inbox));
        Self { mailbox }
    }

    // ANCHOR: mistake
    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, BankError> {
        let (reply, answer) = oneshot::channel();
        self.mailbox.send(make(reply)).await.unwrap();
        answer.await.unwrap()
    }
    // ANCHOR_END: mistake

    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        self.ask(|reply| Request::Balance { account, reply }).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Deposit {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Withdraw {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let request = |reply| Request::Transfer {
            from,
            to,
            amount,
            reply,
        };
        self.ask(request).await
    }
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
