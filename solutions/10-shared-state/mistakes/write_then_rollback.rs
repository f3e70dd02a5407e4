//! Mistake: write the new balance first, await the audit, and put the old one back if
//! it refuses ("optimistic write, roll back").
//! class: cancellation — under the lock nobody sees the temporary write; only an
//! operation dropped during its audit (or an audit that panics) leaves it written.
//!
//! It reads like a database transaction, and while the lock is held no reader can see
//! the unapproved balance, so every test of results passes. But the rollback is code
//! after an `.await`, and a future dropped at that `.await` (a `timeout` around the
//! deposit, an aborted task) never runs it: the balance the audit never approved stays
//! written for good. Write only after the approval, and a dropped operation simply did
//! not happen. (Part 2, the actor, is the reference's here.)

use reference::Ledger;
use tokio::sync::Mutex;

pub struct Bank<A> {
    audit: A,
    ledger: Mutex<Ledger>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let ledger = Mutex::new(Ledger { balances });
        Self { audit, ledger }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.ledger.lock().await.balances[account]
    }

    // ANCHOR: mistake
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        let before = ledger.balances[account];
        let after = before.checked_add(amount).ok_or(BankError::Overflow)?;
        // Write now, undo below if the audit says no: nobody can see it, we hold the lock.
        ledger.balances[account] = after;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            ledger.balances[account] = before; // never runs if this future is dropped
            return Err(BankError::Refused);
        }
        Ok(after)
    }
    // ANCHOR_END: mistake

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        ledger.withdraw(&self.audit, account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut ledger = self.ledger.lock().await;
        ledger.transfer(&self.audit, from, to, amount).await
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
