//! Mistake: the actor's handle uses `try_send`, and gives up when the mailbox is full.
//!
//! It is tempting because `try_send` is not `async`: the caller never waits for a busy
//! actor, and a full mailbox looks like a reason to fail fast. But the request is then
//! simply gone: with more callers at once than the mailbox holds, some of them get
//! `Unavailable` from an actor that is running fine. A bounded mailbox is meant to
//! slow senders down (`send(…).await` waits for room), not to lose their requests.
//! (Part 1, the lock, is right here.)

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

/// The balances; every method needs `&mut`, held for the whole call.
struct Ledger(Vec<u64>);

impl Ledger {
    async fn deposit(
        &mut self,
        audit: &impl Audit,
        account: AccountId,
        amount: u64,
    ) -> Result<u64, BankError> {
        let before = self.0[account];
        let after = before + amount;
        if !audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.0[account] = after;
        Ok(after)
    }

    async fn withdraw(
        &mut self,
        audit: &impl Audit,
        account: AccountId,
        amount: u64,
    ) -> Result<u64, BankError> {
        let before = self.0[account];
        let after = before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        if !audit.approve(account, before, after).await {
            return Err(BankError::Refused);
        }
        self.0[account] = after;
        Ok(after)
    }

    async fn transfer(
        &mut self,
        audit: &impl Audit,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        let (from_before, to_before) = (self.0[from], self.0[to]);
        let from_after = from_before
            .checked_sub(amount)
            .ok_or(BankError::InsufficientFunds)?;
        let to_after = to_before + amount;
        let from_ok = audit.approve(from, from_before, from_after).await;
        let to_ok = audit.approve(to, to_before, to_after).await;
        if !(from_ok && to_ok) {
            return Err(BankError::Refused);
        }
        self.0[from] = from_after;
        self.0[to] = to_after;
        Ok(())
    }
}

pub struct Bank<A> {
    audit: A,
    ledger: Mutex<Ledger>,
}

impl<A: Audit> Bank<A> {
    pub fn new(balances: Vec<u64>, audit: A) -> Self {
        Self {
            audit,
            ledger: Mutex::new(Ledger(balances)),
        }
    }

    pub async fn balance(&self, account: AccountId) -> u64 {
        self.ledger.lock().await.0[account]
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ledger
            .lock()
            .await
            .deposit(&self.audit, account, amount)
            .await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        self.ledger
            .lock()
            .await
            .withdraw(&self.audit, account, amount)
            .await
    }

    pub async fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), BankError> {
        self.ledger
            .lock()
            .await
            .transfer(&self.audit, from, to, amount)
            .await
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

async fn run_bank(mut ledger: Ledger, audit: impl Audit, mut inbox: mpsc::Receiver<Request>) {
    while let Some(request) = inbox.recv().await {
        match request {
            Request::Balance(account, reply) => {
                let _ = reply.send(Ok(ledger.0[account]));
            }
            Request::Deposit(account, amount, reply) => {
                let _ = reply.send(ledger.deposit(&audit, account, amount).await);
            }
            Request::Withdraw(account, amount, reply) => {
                let _ = reply.send(ledger.withdraw(&audit, account, amount).await);
            }
            Request::Transfer(from, to, amount, reply) => {
                let _ = reply.send(ledger.transfer(&audit, from, to, amount).await);
            }
        }
    }
}

impl BankHandle {
    pub fn spawn<A: Audit>(balances: Vec<u64>, audit: A) -> Self {
        let (mailbox, inbox) = mpsc::channel(16);
        tokio::spawn(run_bank(Ledger(balances), audit, inbox));
        Self { mailbox }
    }

    // ANCHOR: mistake
    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, BankError> {
        let (reply, answer) = oneshot::channel();
        // Don't keep callers waiting on a busy actor: if the mailbox is full, fail.
        self.mailbox
            .try_send(make(reply))
            .map_err(|_| BankError::Unavailable)?;
        answer.await.map_err(|_| BankError::Unavailable)?
    }
    // ANCHOR_END: mistake

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
