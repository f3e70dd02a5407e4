//! Mistake: asking the audit first, and checking the funds only afterwards.
//! class: other-side — the results are right; only the audit sees the questions it should
//! never have been asked.
//!
//! "Fraud first" sounds prudent. But a withdrawal the balance cannot cover changes
//! nothing, so there is nothing to approve: every doomed withdrawal now costs a slow
//! remote check, made about a balance (`saturating_sub` gives 0) that will never be
//! written, while the lock holds everyone else up. Decide what you can on your own
//! first. (Part 2, the actor, is the reference's here.)

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
        let after = before.saturating_sub(amount);
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        if before < amount {
            return Err(BankError::InsufficientFunds);
        }
        ledger.balances[account] = after;
        Ok(after)
    }
    // ANCHOR_END: mistake

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
