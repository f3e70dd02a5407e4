//! Mistake: a lock per account, and a transfer that locks its two accounts in the order
//! it was given them.
//! class: path — every operation on its own is right; only two transfers in opposite
//! directions at the same time show it: they wait for each other forever.
//!
//! A lock per account lets operations on different accounts run side by side, which is
//! a real gain. A transfer needs both of its accounts, so it locks `from`, then `to`.
//! But a transfer from 0 to 1 and one from 1 to 0, at the same time, each take their
//! first lock and then wait for the other's: a deadlock, and nobody gets an answer. Take
//! the two locks in one fixed order (the lower id first), whatever the direction.
//! (Part 2, the actor, is the reference's here.)

use tokio::sync::Mutex;

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

    // ANCHOR: mistake
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
        // In the order given: 0 -> 1 locks 0 then 1, and 1 -> 0 locks 1 then 0.
        let mut paying = self.balances[from].lock().await;
        let mut receiving = self.balances[to].lock().await;
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
    // ANCHOR_END: mistake
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
