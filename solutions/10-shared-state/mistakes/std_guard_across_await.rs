//! Mistake: a `std::sync::MutexGuard` held across the audit's `.await`, in a task
//! given to `tokio::spawn`.
//! class: other-side — called directly it compiles; only `tokio::spawn`, which needs a
//! `Send` future, refuses it.
//!
//! It is tempting because it is the obvious fix for a lost update: keep the lock from
//! the read to the write. With a *std* mutex that cannot work, and Rust says so before
//! anything runs. `tokio::spawn` may move a task to another thread at any `.await`,
//! so the task's future must be `Send`; a future that holds a `MutexGuard` across an
//! `.await` contains the guard, and a std guard is not `Send` (it must be unlocked by
//! the thread that locked it). Even where it would compile (a current-thread runtime,
//! `spawn_local`), a task suspended while holding a std lock blocks every *thread*
//! that then asks for the lock, and can deadlock the runtime. The fix is a lock built
//! for this, `tokio::sync::Mutex`, whose guard may be held across `.await`.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message, which the book shows.
// workshop: must not compile
// workshop: whole file: it must not compile, so it cannot take the rest from the reference.

use std::future::Future;
use std::sync::{Arc, Mutex};

pub type AccountId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    Refused,
}

pub trait Audit: Send + Sync + 'static {
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send;
}

pub struct Bank<A> {
    audit: A,
    balances: Mutex<Vec<u64>>,
}

// ANCHOR: mistake
impl<A: Audit> Bank<A> {
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.lock().unwrap();
        let after = balances[account] + amount;
        // The guard `balances` is still alive across this `.await`.
        if !self.audit.approve(account, balances[account], after).await {
            return Err(BankError::Refused);
        }
        balances[account] = after;
        Ok(after)
    }
}

/// What the tests do: deposit from a task of its own.
pub fn deposit_in_background<A: Audit>(bank: Arc<Bank<A>>) {
    tokio::spawn(async move { bank.deposit(0, 10).await });
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }
}
