//! Mistake: a plain `before + amount` in the actor's deposit.
//! class: bad-argument — every sensible amount is right; only a deposit too large for a
//! `u64` shows it: it panics inside the actor, and the bank dies for everyone.
//!
//! Balances are `u64`, and who deposits 18 quintillion? But the amount comes from the
//! caller, and `before + amount` past `u64::MAX` panics (in a debug build; a release
//! build wraps around to a small balance, which is worse). In part 1 that would be one
//! caller's panic; in the actor it kills the task that owns every balance, and from then
//! on every request of every handle gets `Unavailable`. `checked_add` turns it into an
//! answer: `Err(BankError::Overflow)`. (Part 1, the lock, is the reference's here.)

use reference::{Ledger, Request};
use tokio::sync::mpsc;

async fn run_bank(mut ledger: Ledger, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        match request {
            // ANCHOR: mistake
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let before = ledger.balances[account];
                let after = before + amount; // panics past u64::MAX, killing the actor
                let approved = amount == 0 || audit.approve(account, before, after).await;
                if approved {
                    ledger.balances[account] = after;
                }
                let _ = reply.send(approved.then_some(after).ok_or(BankError::Refused));
            }
            // ANCHOR_END: mistake
            Request::Balance { account, reply } => {
                let _ = reply.send(Ok(ledger.balances[account]));
            }
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(ledger.withdraw(&audit, account, amount).await);
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
