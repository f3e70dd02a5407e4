//! Another correct way: an actor that asks the audit in a task of its own, and stops on
//! purpose when the audit panics.
//!
//! Part 1 is the plainest lock: one `tokio::sync::Mutex` around the whole `Vec`, held
//! across the audit, with the shared rules (a transfer's two questions one after the
//! other).
//! Part 2: in the reference, a panicking audit unwinds through the actor and ends its
//! task, which is right, but happens to it. Here the actor sees it: every question runs
//! in a spawned task, whose panic comes back as a `JoinError`, and the actor decides to
//! stop. It returns from its loop, which drops the reply in hand and the mailbox: that
//! caller, every queued one and every later one get `Unavailable`, as the task asks. (The
//! place to log the crash, or to restart the bank, is right there.) Its own rules decide
//! a change of nothing by the numbers (`after == before`), and ask about a transfer's
//! receiving side first.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};

#[path = "common/mod.rs"]
mod common;
pub use common::*;
// The actor has rules of its own; part 1 uses these.
#[allow(dead_code)]
#[path = "common/rules.rs"]
mod rules;
use rules::{deposit_into, transfer_between, withdraw_from};

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

/// The audit panicked: the actor stops.
struct Crashed;

/// The actor's audit: every question in a task of its own, so that a panic in it comes
/// back here as an error instead of unwinding through the actor.
struct Supervised<A>(Arc<A>);

// ANCHOR: supervised
impl<A: Audit> Supervised<A> {
    async fn approve(&self, account: AccountId, before: u64, after: u64) -> Result<bool, Crashed> {
        let audit = Arc::clone(&self.0);
        let question = tokio::spawn(async move { audit.approve(account, before, after).await });
        question.await.map_err(|_| Crashed)
    }
}

async fn run_bank<A: Audit>(mut balances: Vec<u64>, audit: A, mut inbox: mpsc::Receiver<Request>) {
    let audit = Supervised(Arc::new(audit));
    while let Some(request) = inbox.recv().await {
        if serve(&mut balances, &audit, request).await.is_err() {
            // The audit crashed: stop. Returning drops the mailbox, and with it every
            // request still in it; every later `send` fails. All of them: Unavailable.
            return;
        }
    }
}
// ANCHOR_END: supervised

/// One account goes to `after` (or the error that decided it), once the audit approves;
/// a change of nothing needs no approval.
async fn change<A: Audit>(
    balances: &mut [u64],
    audit: &Supervised<A>,
    account: AccountId,
    after: Result<u64, BankError>,
) -> Result<Result<u64, BankError>, Crashed> {
    let before = balances[account];
    let after = match after {
        Ok(after) => after,
        Err(error) => return Ok(Err(error)),
    };
    if after != before && !audit.approve(account, before, after).await? {
        return Ok(Err(BankError::Refused));
    }
    balances[account] = after;
    Ok(Ok(after))
}

async fn transfer<A: Audit>(
    balances: &mut [u64],
    audit: &Supervised<A>,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<Result<(), BankError>, Crashed> {
    if from == to {
        let enough = balances[from] >= amount;
        return Ok(enough.then_some(()).ok_or(BankError::InsufficientFunds));
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    let Some(from_after) = from_before.checked_sub(amount) else {
        return Ok(Err(BankError::InsufficientFunds));
    };
    let Some(to_after) = to_before.checked_add(amount) else {
        return Ok(Err(BankError::Overflow));
    };
    if amount > 0 {
        // The receiving side first; once it is refused, the paying side is not asked.
        let approved = audit.approve(to, to_before, to_after).await?
            && audit.approve(from, from_before, from_after).await?;
        if !approved {
            return Ok(Err(BankError::Refused));
        }
    }
    balances[from] = from_after;
    balances[to] = to_after;
    Ok(Ok(()))
}

/// Carries out one request and answers it; a crash returns before the answer, and drops
/// the reply unanswered.
async fn serve<A: Audit>(
    balances: &mut [u64],
    audit: &Supervised<A>,
    request: Request,
) -> Result<(), Crashed> {
    match request {
        Request::Balance { account, reply } => {
            let _ = reply.send(Ok(balances[account]));
        }
        Request::Deposit {
            account,
            amount,
            reply,
        } => {
            let after = balances[account].checked_add(amount);
            let after = after.ok_or(BankError::Overflow);
            let _ = reply.send(change(balances, audit, account, after).await?);
        }
        Request::Withdraw {
            account,
            amount,
            reply,
        } => {
            let after = balances[account].checked_sub(amount);
            let after = after.ok_or(BankError::InsufficientFunds);
            let _ = reply.send(change(balances, audit, account, after).await?);
        }
        Request::Transfer {
            from,
            to,
            amount,
            reply,
        } => {
            let _ = reply.send(transfer(balances, audit, from, to, amount).await?);
        }
    }
    Ok(())
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(32);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
