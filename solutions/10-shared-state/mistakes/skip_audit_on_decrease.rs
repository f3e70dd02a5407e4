//! Mistake: auditing only the money that comes in.
//! class: other-side — the balances are right while the audit approves; only the audit
//! sees that it was never asked about a decrease.
//!
//! "Fraud is about money arriving": so a withdrawal is not audited, and a transfer asks
//! only about the receiving account. With a fake that refuses only large balances,
//! every result is even right. But the task is that *every* change is approved before
//! it is written, and an account being emptied is a change the fraud check must see.
//! (Part 2, the actor, is the reference's here.)

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

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        ledger.deposit(&self.audit, account, amount).await
    }

    // ANCHOR: mistake
    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        let before = ledger.balances[account];
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        // Money going out: nothing for a fraud check to look at.
        ledger.balances[account] = after;
        Ok(after)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut ledger = self.ledger.lock().await;
        let (from_before, to_before) = (ledger.balances[from], ledger.balances[to]);
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before.checked_add(amount).ok_or(BankError::Overflow)?;
        // Only the receiving side is asked about.
        if amount > 0 && !self.audit.approve(to, to_before, to_after).await {
            return Err(BankError::Refused);
        }
        ledger.balances[from] = from_after;
        ledger.balances[to] = to_after;
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
