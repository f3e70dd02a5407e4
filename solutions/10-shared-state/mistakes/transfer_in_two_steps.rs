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

// ANCHOR: mistake
impl<A: Audit> Bank<A> {
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
}
// ANCHOR_END: mistake

/// The reference's bank, with the transfer above in place of its own.
pub struct Bank<A>(reference::Bank<A>);

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        Self(reference::Bank::new(balances, audit))
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.0.balance(account).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.0.deposit(account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.0.withdraw(account, amount).await
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
