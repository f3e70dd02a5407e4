//! Mistake: the actor `expect`s every `reply.send` to succeed.
//! class: cancellation — while every caller waits for its answer it is right; only a
//! caller that gives up (a `timeout`, an aborted task) shows it: the actor dies.
//!
//! `reply.send(…)` returns a `Result`, the workspace denies `unused_must_use`, and
//! `expect("the caller is waiting")` is the reflex. But a caller may stop waiting
//! whenever it likes, and then `send` fails. That is not the actor's problem; with
//! `expect` it is, and the actor panics: the bank is gone, and every later request,
//! from every handle, gets `Unavailable`. Nobody to tell means nothing to do: `let _`.
//! (Part 1, the lock, is the reference's here.)

use reference::{Ledger, Request};
use tokio::sync::mpsc;

// ANCHOR: mistake
async fn run_bank(mut ledger: Ledger, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    const WAITING: &str = "the caller is waiting for its answer";
    while let Some(request) = inbox.recv().await {
        match request {
            Request::Balance { account, reply } => {
                reply.send(Ok(ledger.balances[account])).expect(WAITING);
            }
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let done = ledger.deposit(&audit, account, amount).await;
                reply.send(done).expect(WAITING);
            }
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                let done = ledger.withdraw(&audit, account, amount).await;
                reply.send(done).expect(WAITING);
            }
            Request::Transfer {
                from,
                to,
                amount,
                reply,
            } => {
                let done = ledger.transfer(&audit, from, to, amount).await;
                reply.send(done).expect(WAITING);
            }
        }
    }
}
// ANCHOR_END: mistake

/// The reference's handle, in front of this file's actor.
#[derive(Debug, Clone)]
pub struct BankHandle(reference::BankHandle);

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(reference::MAILBOX);
        tokio::spawn(run_bank(Ledger { balances }, audit, inbox));
        Self(reference::BankHandle { mailbox })
    }

    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        self.0.balance(account).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.0.deposit(account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.0.withdraw(account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        self.0.transfer(from, to, amount).await
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
