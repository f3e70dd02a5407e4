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

use std::future::Future;
use std::sync::Mutex;

use tokio::sync::{Semaphore, mpsc, oneshot};

pub type AccountId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    InsufficientFunds,
    Refused,
    Overflow,
    Unavailable,
}

pub trait Audit: Send + Sync + 'static {
    fn approve(
        &self,
        account: AccountId,
        before: u64,
        after: u64,
    ) -> impl Future<Output = bool> + Send;
}

/// The rules, on balances that the caller has to itself for the whole call.
async fn deposit_into(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    let after = before.checked_add(amount).ok_or(BankError::Overflow)?;
    if amount > 0 && !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    balances[account] = after;
    Ok(after)
}

async fn withdraw_from(
    balances: &mut [u64],
    audit: &impl Audit,
    account: AccountId,
    amount: u64,
) -> Result<u64, BankError> {
    let before = balances[account];
    let after = before
        .checked_sub(amount)
        .ok_or(BankError::InsufficientFunds)?;
    if amount > 0 && !audit.approve(account, before, after).await {
        return Err(BankError::Refused);
    }
    balances[account] = after;
    Ok(after)
}

async fn transfer_between(
    balances: &mut [u64],
    audit: &impl Audit,
    from: AccountId,
    to: AccountId,
    amount: u64,
) -> Result<(), BankError> {
    if from == to {
        return (balances[from] >= amount)
            .then_some(())
            .ok_or(BankError::InsufficientFunds);
    }
    let (from_before, to_before) = (balances[from], balances[to]);
    let from_after = from_before
        .checked_sub(amount)
        .ok_or(BankError::InsufficientFunds)?;
    let to_after = to_before.checked_add(amount).ok_or(BankError::Overflow)?;
    if amount == 0 {
        return Ok(());
    }
    // One question after the other; once the paying side is refused, the other is not
    // asked at all.
    if !audit.approve(from, from_before, from_after).await
        || !audit.approve(to, to_before, to_after).await
    {
        return Err(BankError::Refused);
    }
    balances[from] = from_after;
    balances[to] = to_after;
    Ok(())
}

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

type Reply<T> = oneshot::Sender<Result<T, BankError>>;

#[derive(Debug)]
enum Request {
    Balance {
        account: AccountId,
        reply: Reply<u64>,
    },
    Deposit {
        account: AccountId,
        amount: u64,
        reply: Reply<u64>,
    },
    Withdraw {
        account: AccountId,
        amount: u64,
        reply: Reply<u64>,
    },
    Transfer {
        from: AccountId,
        to: AccountId,
        amount: u64,
        reply: Reply<()>,
    },
}

const MAILBOX: usize = 16;

async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    let mut batch = Vec::with_capacity(MAILBOX);
    // `recv_many` returns 0 only once every handle is gone and the mailbox is empty.
    while inbox.recv_many(&mut batch, MAILBOX).await > 0 {
        for request in batch.drain(..) {
            match request {
                Request::Balance { account, reply } => {
                    let _ = reply.send(Ok(balances[account]));
                }
                Request::Deposit {
                    account,
                    amount,
                    reply,
                } => {
                    let done = deposit_into(&mut balances, &audit, account, amount).await;
                    let _ = reply.send(done);
                }
                Request::Withdraw {
                    account,
                    amount,
                    reply,
                } => {
                    let done = withdraw_from(&mut balances, &audit, account, amount).await;
                    let _ = reply.send(done);
                }
                Request::Transfer {
                    from,
                    to,
                    amount,
                    reply,
                } => {
                    let done = transfer_between(&mut balances, &audit, from, to, amount).await;
                    let _ = reply.send(done);
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(MAILBOX);
        tokio::spawn(run_bank(balances, audit, inbox));
        Self { mailbox }
    }

    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, BankError> {
        let (reply, answer) = oneshot::channel();
        let sent = self.mailbox.send(make(reply)).await;
        sent.map_err(|_| BankError::Unavailable)?;
        answer.await.map_err(|_| BankError::Unavailable)?
    }

    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        self.ask(|reply| Request::Balance { account, reply }).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Deposit {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Withdraw {
            account,
            amount,
            reply,
        };
        self.ask(request).await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let request = |reply| Request::Transfer {
            from,
            to,
            amount,
            reply,
        };
        self.ask(request).await
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
