//! Mistake: read the balance, await the audit, then write, without holding the lock
//! in between (a read–await–write lost update).
//! class: fixture — one caller at a time it is right; only callers at the same time show it.
//!
//! It is tempting because it follows advice that is right for a `std::sync::Mutex`:
//! "never hold a lock across an `.await`". So the lock is taken to read, released for
//! the audit, and taken again to write. It compiles, its futures are `Send`, and with
//! one caller at a time it is correct. But the audit's `.await` is exactly where other
//! tasks run: they all read the same old balance, and each write overwrites the last.
//! (The actor of part 2 is the reference's here; only part 1 is wrong.)

use std::sync::Mutex;

pub struct Bank<A> {
    audit: A,
    balances: Mutex<Vec<u64>>,
}

// ANCHOR: mistake
impl<A: Audit> Bank<A> {
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let before = self.balances.lock().unwrap()[account]; // lock, read, unlock
        let after = before.checked_add(amount).ok_or(BankError::Overflow)?;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        // Approved: lock again, just for the write.
        self.balances.lock().unwrap()[account] = after; // lock, write, unlock
        Ok(after)
    }
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.balances.lock().unwrap()[account]
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let before = self.balances.lock().unwrap()[account];
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.balances.lock().unwrap()[account] = after;
        Ok(after)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let (from_before, to_before) = {
            let balances = self.balances.lock().unwrap();
            (balances[from], balances[to])
        };
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before.checked_add(amount).ok_or(BankError::Overflow)?;
        if amount == 0 {
            return Ok(());
        }
        let from_ok = self.audit.approve(from, from_before, from_after).await;
        let to_ok = self.audit.approve(to, to_before, to_after).await;
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        let mut balances = self.balances.lock().unwrap();
        balances[from] = from_after;
        balances[to] = to_after;
        Ok(())
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
