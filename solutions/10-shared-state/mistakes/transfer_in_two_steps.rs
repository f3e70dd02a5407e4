//! Mistake: a transfer made of a withdrawal and then a deposit.
//! class: path — every transfer that is approved comes out right; only one whose
//! receiving side is refused shows it.
//!
//! It is tempting because both already exist and each one is correct: it holds the
//! lock from its read to its write, audit included, so no update is lost and money is
//! conserved when everything is approved. But the lock is let go between the two, so
//! the transfer is two steps, not one: the money is out of one account before the
//! other has been approved, and when the deposit is refused it is gone. Atomic parts
//! do not make an atomic whole. (Part 2, the actor, is the reference's here.)

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

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut ledger = self.ledger.lock().await;
        ledger.withdraw(&self.audit, account, amount).await
    }

    // ANCHOR: mistake
    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        // Two operations, each one atomic: but the lock is let go in between.
        self.withdraw(from, amount).await?;
        self.deposit(to, amount).await?; // refused: the withdrawal is already written
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
