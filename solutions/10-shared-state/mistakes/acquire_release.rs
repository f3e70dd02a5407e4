//! Mistake: the lock taken and given back by hand, `acquire()` … `release()`, as in
//! asyncio without `async with`.
//! class: cancellation — every operation that runs to its end gives the lock back; only
//! one dropped during its audit (or whose audit panics) never does, and then the bank
//! waits forever.
//!
//! Python's `asyncio.Lock` has `acquire()` and `release()`, and a one-permit `Semaphore`
//! with its permit forgotten and put back with `add_permits(1)` is the same thing in
//! Tokio. But the release is a line at the end of the operation, after the audit's
//! `.await`: a future dropped at that `.await` (a `timeout` around the deposit, an
//! aborted task), or an audit that panics there, never reaches it, and every later
//! operation, every read included, waits for a lock nobody holds. A guard gives the lock
//! back when it is dropped, and it is dropped on every path: that is the whole point of
//! `MutexGuard` (and of `async with` in Python). (Part 2, the actor, is the reference's
//! here.)

use tokio::sync::{Mutex, MutexGuard, Semaphore};

// ANCHOR: mistake
pub struct Bank<A> {
    audit: A,
    /// `asyncio.Lock()`: its one permit is taken by `acquire`, put back by `release`.
    lock: Semaphore,
    /// Only ever touched by whoever holds the permit.
    balances: Mutex<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    async fn acquire(&self) -> MutexGuard<'_, Vec<u64>> {
        let permit = self.lock.acquire().await.expect("never closed");
        permit.forget(); // kept until `release`
        self.balances
            .try_lock()
            .expect("the permit keeps everyone else out")
    }

    fn release(&self) {
        self.lock.add_permits(1);
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.acquire().await;
        let done = deposit_into(&mut balances, &self.audit, account, amount).await;
        drop(balances);
        self.release(); // never reached if this future is dropped during the audit
        done
    }
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let (lock, balances) = (Semaphore::new(1), Mutex::new(balances));
        Self {
            audit,
            lock,
            balances,
        }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        let balance = self.acquire().await[account];
        self.release();
        balance
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.acquire().await;
        let done = withdraw_from(&mut balances, &self.audit, account, amount).await;
        drop(balances);
        self.release();
        done
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.acquire().await;
        let done = transfer_between(&mut balances, &self.audit, from, to, amount).await;
        drop(balances);
        self.release();
        done
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
