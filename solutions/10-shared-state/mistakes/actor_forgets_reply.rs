//! Mistake: the actor skips a request it cannot carry out, without answering it.
//! class: path — every request that succeeds is answered; only a withdrawal the balance
//! cannot cover shows it.
//!
//! It is tempting because it reads like input validation: a withdrawal the balance
//! cannot cover has nothing to do, so `continue` to the next message. But the request
//! carried a reply sender, and it is dropped unanswered: the caller, waiting on the
//! other end of the `oneshot`, learns only that the channel closed, and reports
//! `Unavailable` instead of `InsufficientFunds`. An actor answers every request, on
//! every path, errors included. (Part 1, the lock, is the reference's here.)

use reference::{Ledger, Request};
use tokio::sync::mpsc;

async fn run_bank(mut ledger: Ledger, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        match request {
            // ANCHOR: mistake
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                // Not enough money: nothing to do, on to the next request.
                if ledger.balances[account] < amount {
                    continue;
                }
                let _ = reply.send(ledger.withdraw(&audit, account, amount).await);
            }
            // ANCHOR_END: mistake
            Request::Balance { account, reply } => {
                let _ = reply.send(Ok(ledger.balances[account]));
            }
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.deposit(&audit, account, amount).await);
            }
            Request::Transfer {
                from,
                to,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.transfer(&audit, from, to, amount).await);
            }
        }
    }
}

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
