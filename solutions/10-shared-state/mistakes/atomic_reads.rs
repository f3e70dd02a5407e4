//! Mistake: balances in atomics that readers load without waiting; only the writers
//! take a lock.
//! class: fixture — on one thread nothing can run between a transfer's two stores; only a
//! read made while an operation is in its audit shows that reads do not wait for it.
//!
//! "Readers never wait" sounds like a free speed-up: every change still runs under the
//! writers' lock from its read to its write, and stores only once approved, so nothing
//! is lost and nothing unapproved is seen. But a read no longer waits for the operation
//! in progress, and a transfer is two separate stores: on a multi-thread runtime a
//! reader on another thread can run between them and see the money in neither account
//! (or in both). The current-thread test runtime never lets that happen, so the tests
//! check what the task asks instead: a read waits for the operation on its account.
//! (Part 2, the actor, is the reference's here.)

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Mutex;

// ANCHOR: mistake
pub struct Bank<A> {
    audit: A,
    /// Readers load these without any lock.
    balances: Vec<AtomicU64>,
    /// Writers hold this from their read to their write, audit included.
    writers: Mutex<()>,
}

impl<A: Audit> Bank<A> {
    pub async fn balance(&self, account: AccountId) -> u64 {
        self.balances[account].load(Ordering::SeqCst) // never waits
    }
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = balances.into_iter().map(AtomicU64::new).collect();
        let writers = Mutex::new(());
        Self {
            audit,
            balances,
            writers,
        }
    }

    /// The balances as they are, for the reference's rules to work on.
    fn load(&self) -> Vec<u64> {
        self.balances
            .iter()
            .map(|b| b.load(Ordering::SeqCst))
            .collect()
    }

    /// Stores what a rule left: one store per account, one after the other.
    fn store(&self, balances: Vec<u64>) {
        for (stored, balance) in self.balances.iter().zip(balances) {
            stored.store(balance, Ordering::SeqCst);
        }
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let _writing = self.writers.lock().await;
        let mut balances = self.load();
        let done = deposit_into(&mut balances, &self.audit, account, amount).await?;
        self.store(balances);
        Ok(done)
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let _writing = self.writers.lock().await;
        let mut balances = self.load();
        let done = withdraw_from(&mut balances, &self.audit, account, amount).await?;
        self.store(balances);
        Ok(done)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let _writing = self.writers.lock().await;
        let mut balances = self.load();
        transfer_between(&mut balances, &self.audit, from, to, amount).await?;
        self.store(balances);
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
