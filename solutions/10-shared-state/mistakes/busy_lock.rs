//! Mistake: the lock taken with `try_lock` in a loop, `yield_now()` between the tries.
//! class: path — the path where the lock is taken: each operation still runs as one, and
//! every answer would be right; but the wait for the lock never waits for anything.
//!
//! `try_lock` never waits, so a loop around it "waits" by trying again, with
//! `yield_now()` to let the others run. They do run; but the task that holds the lock is
//! in its audit, waiting for a timer, and a task that is always ready to run keeps tokio
//! from ever being idle: on the paused test clock, time never moves on and the audit never
//! ends (the suite used to hang for good here); in production the loop burns a core for
//! as long as the audit takes. `lock().await` queues the task and wakes it when the lock
//! is free. (Part 2, the actor, is the reference's here.)

use tokio::sync::{Mutex, MutexGuard};

// ANCHOR: mistake
pub struct Bank<A> {
    audit: A,
    balances: Mutex<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    /// Tries until the lock is free, letting the others run in between.
    async fn locked(&self) -> MutexGuard<'_, Vec<u64>> {
        loop {
            if let Ok(balances) = self.balances.try_lock() {
                return balances;
            }
            tokio::task::yield_now().await;
        }
    }
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.locked().await[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.locked().await;
        deposit_into(&mut balances, &self.audit, account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.locked().await;
        withdraw_from(&mut balances, &self.audit, account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.locked().await;
        transfer_between(&mut balances, &self.audit, from, to, amount).await
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
