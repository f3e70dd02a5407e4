//! Mistake: read the balance, await the audit, then write, without holding the lock
//! in between (a read–await–write lost update).
//!
//! It is tempting because it follows advice that is right for a `std::sync::Mutex`:
//! "never hold a lock across an `.await`". So the lock is taken to read, released for
//! the audit, and taken again to write. It compiles, its futures are `Send`, and with
//! one caller at a time it is correct. But the audit's `.await` is exactly where other
//! tasks run: they all read the same old balance, and each write overwrites the last.
//! (The actor of part 2 is right here; only part 1 is wrong.)

use std::future::Future;
use std::sync::Mutex;

use tokio::sync::{mpsc, oneshot};

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

// ANCHOR: mistake
impl<A: Audit> Bank<A> {
    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let before = self.balances.lock().unwrap()[account]; // lock, read, unlock
        let after = before + amount;
        if !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        // Approved: lock again, just for the write.
        self.balances.lock().unwrap()[account] = after; // lock, write, unlock
        Ok(after)
    }
}
// ANCHOR_END: mistake

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        Self {
            audit,
            balances: Mutex::new(balances),
        }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.balances.lock().unwrap()[account]
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let before = self.balances.lock().unwrap()[account];
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        if !self.audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.balances.lock().unwrap()[account] = after;
        Ok(after)
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let (from_before, to_before) = {
            let balances = self.balances.lock().unwrap();
            (balances[from], balances[to])
        };
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before + amount;
        let from_ok = self.audit.approve(from, from_before, from_after).await;
        let to_ok = self.audit.approve(to, to_before, to_after).await;
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        let mut balances = self.balances.lock().unwrap();
        balances[from] = from_after;
        balances[to] = to_after;
        Ok(())
    }
}

// Part 2, done right: the actor owns the balances and answers every request.

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

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, mut inbox) = mpsc::channel(16);
        tokio::spawn(async move {
            // The actor owns the only `Bank`; no other task can reach its lock.
            let bank = Bank::new(balances, audit);
            while let Some(request) = inbox.recv().await {
                match request {
                    Request::Balance(account, reply) => {
                        let _ = reply.send(Ok(bank.balance(account).await));
                    }
                    Request::Deposit(account, amount, reply) => {
                        let _ = reply.send(bank.deposit(account, amount).await);
                    }
                    Request::Withdraw(account, amount, reply) => {
                        let _ = reply.send(bank.withdraw(account, amount).await);
                    }
                    Request::Transfer(from, to, amount, reply) => {
                        let _ = reply.send(bank.transfer(from, to, amount).await);
                    }
                }
            }
        });
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
