//! Another correct way: a `tokio::sync::RwLock` for part 1, and a handle that reserves
//! room in the mailbox before it builds its request, for part 2.
//!
//! Part 1: reads share a read guard; every change holds the *write* guard from its read
//! to its write, audit included, so readers wait while an audit decides and never see a
//! balance it has not approved, and no two changes overlap. (With many readers and few
//! writers, the readers no longer wait for each other.)
//! Part 2: `Sender::reserve().await` waits for room in the mailbox and hands back a
//! permit; `permit.send` then cannot fail or wait. The request is only built once there
//! is room for it, and a closed mailbox shows up as `reserve` failing: `Unavailable`.

use tokio::sync::{RwLock, mpsc, oneshot};

// This file's `ask` takes the place of the common one.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
pub use common::*;
#[path = "common/rules.rs"]
mod rules;
use rules::{deposit_into, serve, transfer_between, withdraw_from};

pub struct Bank<A> {
    audit: A,
    balances: RwLock<Vec<u64>>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        let balances = RwLock::new(balances);
        Self { audit, balances }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        // Waits while a change holds the write guard (in its audit).
        self.balances.read().await[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.write().await;
        deposit_into(&mut balances, &self.audit, account, amount).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.write().await;
        withdraw_from(&mut balances, &self.audit, account, amount).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.balances.write().await;
        transfer_between(&mut balances, &self.audit, from, to, amount).await
    }
}

async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        serve(&mut balances, &audit, request).await;
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(16);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }
}

// ANCHOR: reserve
async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    // Wait for room first; only then build the request and hand it over.
    let permit = mailbox
        .reserve()
        .await
        .map_err(|_| BankError::Unavailable)?;
    let (reply, answer) = oneshot::channel();
    permit.send(make(reply));
    answer.await.map_err(|_| BankError::Unavailable)?
}
// ANCHOR_END: reserve

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
