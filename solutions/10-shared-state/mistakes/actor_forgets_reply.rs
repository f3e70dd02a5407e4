//! Mistake: the actor skips a request it cannot carry out, without answering it.
//!
//! It is tempting because it reads like input validation: a withdrawal the balance
//! cannot cover has nothing to do, so `continue` to the next message. But the request
//! carried a reply sender, and it is dropped unanswered: the caller, waiting on the
//! other end of the `oneshot`, learns only that the channel closed, and reports
//! `Unavailable` instead of `InsufficientFunds`. An actor answers every request, on
//! every path, errors included. (Part 1, the lock, is right here.)

use std::future::Future;

use tokio::sync::{Mutex, mpsc, oneshot};

pub type AccountId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankError {
    InsufficientFunds,
    Refused,
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
        let before = balances[account];
        let after = before + amount;
        if !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        balances[account] = after;
        Ok(after)
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let mut balances = self.balances.lock().await;
        let before = balances[account];
        let Some(after) = before.checked_sub(amount) else {
            return Err(BankError::InsufficientFunds);
        };
        if !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        balances[account] = after;
        Ok(after)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let mut balances = self.balances.lock().await;
        let (from_before, to_before) = (balances[from], balances[to]);
        let Some(from_after) = from_before.checked_sub(amount) else {
            return Err(BankError::InsufficientFunds);
        };
        let to_after = to_before + amount;
        let from_ok = self.audit.approve(from, from_before, from_after).await;
        let to_ok = self.audit.approve(to, to_before, to_after).await;
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        balances[from] = from_after;
        balances[to] = to_after;
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct BankHandle {
    mailbox: mpsc::Sender<Request>,
}

type Reply<T> = oneshot::Sender<Result<T, BankError>>;

#[derive(Debug)]
enum Request {
    Balance(AccountId, Reply<u64>),
    Deposit(AccountId, u64, Reply<u64>),
    Withdraw(AccountId, u64, Reply<u64>),
    Transfer(AccountId, AccountId, u64, Reply<()>),
}

async fn run_bank(mut balances: Vec<u64>, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        match request {
            Request::Balance(account, reply) => {
                let _ = reply.send(Ok(balances[account]));
            }
            Request::Deposit(account, amount, reply) => {
                let before = balances[account];
                let after = before + amount;
                let approved = audit.approve(account, before, after).await;
                if approved {
                    balances[account] = after;
                }
                let _ = reply.send(approved.then_some(after).ok_or(BankError::Refused));
            }
            // ANCHOR: mistake
            Request::Withdraw(account, amount, reply) => {
                let before = balances[account];
                // Not enough money: nothing to do, on to the next request.
                let Some(after) = before.checked_sub(amount) else {
                    continue;
                };
                let approved = audit.approve(account, before, after).await;
                if approved {
                    balances[account] = after;
                }
                let _ = reply.send(approved.then_some(after).ok_or(BankError::Refused));
            }
            // ANCHOR_END: mistake
            Request::Transfer(from, to, amount, reply) => {
                let (from_before, to_before) = (balances[from], balances[to]);
                let Some(from_after) = from_before.checked_sub(amount) else {
                    let _ = reply.send(Err(BankError::InsufficientFunds));
                    continue;
                };
                let to_after = to_before + amount;
                let from_ok = audit.approve(from, from_before, from_after).await;
                let to_ok = audit.approve(to, to_before, to_after).await;
                if from_ok && to_ok {
                    balances[from] = from_after;
                    balances[to] = to_after;
                }
                let _ = reply.send((from_ok && to_ok).then_some(()).ok_or(BankError::Refused));
            }
        }
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(16);
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
        self.ask(|reply| Request::Balance(account, reply)).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ask(|reply| Request::Deposit(account, amount, reply))
            .await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ask(|reply| Request::Withdraw(account, amount, reply))
            .await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        self.ask(|reply| Request::Transfer(from, to, amount, reply))
            .await
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
