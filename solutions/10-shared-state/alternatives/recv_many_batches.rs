//! Another correct way, for part 2: an actor that takes its requests in batches
//! (`Receiver::recv_many`) and carries them out one after another.
//!
//! `recv_many` waits like `recv` while the mailbox is empty, then moves up to a batch of
//! requests out of it at once, so a busy actor touches the channel once per batch
//! instead of once per request. Nothing else changes: each request of the batch is
//! still carried out to the end, audit included, before the next one starts, so the
//! batch is no more concurrent than one request at a time. (A batch taken out of the
//! mailbox makes room in it for as many new requests: the mailbox and the batch together
//! bound what the actor holds.) It returns 0 only when the mailbox is closed and empty:
//! every handle is gone. Part 1 is a `tokio::sync::Mutex`, as in the reference.

use tokio::sync::{Mutex, mpsc};

#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
pub use common::*;
#[path = "common/rules.rs"]
mod rules;
use rules::{deposit_into, serve, transfer_between, withdraw_from};

pub struct Bank<A> {
    audit: A,
    balances: Mutex<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = Mutex::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.balances.lock().await[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.lock().await;
        deposit_into(&mut balances, &self.audit, account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.lock().await;
        withdraw_from(&mut balances, &self.audit, account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.balances.lock().await;
        transfer_between(&mut balances, &self.audit, from, to, amount).await
    }
}

/// How many requests the actor takes out of its mailbox at once.
const BATCH: usize = 16;

// ANCHOR: batches
async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    let mut batch = Vec::with_capacity(BATCH);
    // 0 only once every handle is gone and the mailbox is empty.
    while inbox.recv_many(&mut batch, BATCH).await > 0 {
        for request in batch.drain(..) {
            serve(&mut balances, &audit, request).await;
        }
    }
}
// ANCHOR_END: batches

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(BATCH);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
