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

// The other changes leave the same gap: the reference's rules, run on a copy of the
// balances taken under the lock, and their result written under it again.
impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.balances.lock().unwrap()[account]
    }

    fn copy(&self) -> Vec<u64> {
        self.balances.lock().unwrap().clone() // lock, read, unlock
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut copy = self.copy();
        let after = withdraw_from(&mut copy, &self.audit, account, amount).await?;
        self.balances.lock().unwrap()[account] = after; // lock, write, unlock
        Ok(after)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut copy = self.copy();
        transfer_between(&mut copy, &self.audit, from, to, amount).await?;
        let mut balances = self.balances.lock().unwrap(); // lock, write, unlock
        (balances[from], balances[to]) = (copy[from], copy[to]);
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
