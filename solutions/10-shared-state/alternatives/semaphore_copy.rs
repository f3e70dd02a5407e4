//! Another correct way: a one-permit `Semaphore` as the lock, the balances in a std
//! mutex touched only to copy them out and back; an actor that takes its mail in batches.
//!
//! Part 1: the permit is what is held across the audit (it is `Send`, a std guard is
//! not). Under it, each change works on a *copy* of the balances and stores the copy
//! back only once the operation has succeeded: an operation dropped or panicking
//! half-way has changed nothing but its copy. The std mutex is held only for a clone or
//! a store, never across an `.await`. Reads take the permit too, so they wait for the
//! change in progress.
//! Part 2: `recv_many` takes every request waiting in the mailbox at once, and the
//! actor still handles them one at a time, in order, each to the end.

use std::sync::Mutex;

use tokio::sync::{Semaphore, mpsc};

#[path = "common/mod.rs"]
mod common;
pub use common::*;
#[path = "common/rules.rs"]
mod rules;
use rules::{deposit_into, serve, transfer_between, withdraw_from};

pub struct Bank<A> {
    audit: A,
    /// One permit: the lock, held from the read to the write, audit included.
    turn: Semaphore,
    /// The balances, only ever copied out or stored back.
    balances: Mutex<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let (turn, balances) = (Semaphore::new(1), Mutex::new(balances));
        Self {
            audit,
            turn,
            balances,
        }
    }

    fn copy(&self) -> Vec<u64> {
        self.balances.lock().unwrap().clone()
    }

    fn store(&self, balances: Vec<u64>) {
        *self.balances.lock().unwrap() = balances;
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        let _turn = self
            .turn
            .acquire()
            .await
            .expect("the semaphore is never closed");
        self.balances.lock().unwrap()[account]
    }

    // ANCHOR: copy
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let _turn = self
            .turn
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut balances = self.copy();
        let done = deposit_into(&mut balances, &self.audit, account, amount).await?;
        self.store(balances); // reached only once the operation has succeeded
        Ok(done)
    }
    // ANCHOR_END: copy

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let _turn = self
            .turn
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut balances = self.copy();
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
        let _turn = self
            .turn
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut balances = self.copy();
        transfer_between(&mut balances, &self.audit, from, to, amount).await?;
        self.store(balances);
        Ok(())
    }
}

const MAILBOX: usize = 16;

async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    let mut batch = Vec::with_capacity(MAILBOX);
    // `recv_many` returns 0 only once every handle is gone and the mailbox is empty.
    while inbox.recv_many(&mut batch, MAILBOX).await > 0 {
        for request in batch.drain(..) {
            serve(&mut balances, &audit, request).await;
        }
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(MAILBOX);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
