//! Mistake: `balance <= amount` as the test for insufficient funds.
//! class: boundary — every withdrawal short of the whole balance is right; only taking out
//! exactly the balance (or 0 from an empty account) shows it.
//!
//! "Not enough money" written the other way round, with one `=` too many: an account
//! can never be emptied, and withdrawing 0 from an empty account fails. The rule is
//! *more than* the balance; `checked_sub` says exactly that, with no comparison to get
//! wrong. (Part 2, the actor, is the reference's here.)

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
        if before <= amount {
            return Err(BankError::InsufficientFunds);
        }
        let after = before - amount;
        if amount > 0 && !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
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
