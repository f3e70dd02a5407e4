//! Another correct way: a lock per account, and an actor that owns a part-1 `Bank`.
//!
//! Part 1: one `tokio::sync::Mutex<u64>` per account, so operations on different
//! accounts run side by side (the reference's single lock makes every audit wait for
//! every other). An operation holds the lock of each account it touches from its read
//! to its write. A transfer needs two, and takes them in one fixed order, the lower id
//! first, whatever the direction: two opposite transfers can then never each hold one
//! lock and wait for the other. Its two questions to the audit run at once (`join!`).
//! Part 2: the actor owns a `Bank` of its own, that nobody else can reach, and awaits
//! each of its methods inside the loop: one request at a time, each to the end. Its
//! mailbox holds a single request, the most back-pressure there is: a caller waits
//! until the actor has taken the request before it.

use tokio::sync::{Mutex, MutexGuard, mpsc};

#[path = "common/mod.rs"]
mod common;
pub use common::*;

pub struct Bank<A> {
    audit: A,
    balances: Vec<Mutex<u64>>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = balances.into_iter().map(Mutex::new).collect();
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        *self.balances[account].lock().await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balance = self.balances[account].lock().await;
        let before = *balance;
        let after = before.checked_add(amount).ok_or(BankError::Overflow)?;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        *balance = after;
        Ok(after)
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balance = self.balances[account].lock().await;
        let before = *balance;
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        *balance = after;
        Ok(after)
    }

    // ANCHOR: lock_order
    /// The locks of two different accounts, taken lower id first; returned as
    /// (`from`'s, `to`'s).
    async fn lock_both(
        &self,
        from: AccountId,
        to: AccountId,
    ) -> (MutexGuard<'_, u64>, MutexGuard<'_, u64>) {
        if from < to {
            let paying = self.balances[from].lock().await;
            (paying, self.balances[to].lock().await)
        } else {
            let receiving = self.balances[to].lock().await;
            (self.balances[from].lock().await, receiving)
        }
    }
    // ANCHOR_END: lock_order

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        if from == to {
            let balance = self.balances[from].lock().await;
            return (*balance >= amount)
                .then_some(())
                .ok_or(BankError::InsufficientFunds);
        }
        let (mut paying, mut receiving) = self.lock_both(from, to).await;
        let (from_before, to_before) = (*paying, *receiving);
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before.checked_add(amount).ok_or(BankError::Overflow)?;
        if amount == 0 {
            return Ok(());
        }
        let (from_ok, to_ok) = tokio::join!(
            self.audit.approve(from, from_before, from_after),
            self.audit.approve(to, to_before, to_after),
        );
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        *paying = from_after;
        *receiving = to_after;
        Ok(())
    }
}

/// The actor: a `Bank` that only this task can reach, one request at a time.
async fn run_bank<A: Audit>(bank: Bank<A>, mut inbox: mpsc::Receiver<Request>) {
    loop {
        let Some(request) = inbox.recv().await else {
            break; // every handle is gone
        };
        match request {
            Request::Balance { account, reply } => {
                let _ = reply.send(Ok(bank.balance(account).await));
            }
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(bank.deposit(account, amount).await);
            }
            Request::Withdraw {
                account,
                amount,
                reply,
            } => {
                let _ = reply.send(bank.withdraw(account, amount).await);
            }
            Request::Transfer {
                from,
                to,
                amount,
                reply,
            } => {
                let _ = reply.send(bank.transfer(from, to, amount).await);
            }
        }
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(1);
        tokio::spawn(run_bank(Bank::new(balances, audit), inbox));
        Self { mailbox }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
