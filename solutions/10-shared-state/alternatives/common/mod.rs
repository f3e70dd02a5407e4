//! What the alternatives share: the exercise's types, the actor's messages, and the
//! handle's methods, which build a request and pass it to `crate::ask`. Each
//! alternative includes this file and adds its own `Bank`, its own actor and
//! `BankHandle::spawn`; one that sends in its own way has its own `ask` too, which the
//! path `crate::ask` then finds instead of this one.

use std::future::Future;

use tokio::sync::{mpsc, oneshot};

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

pub(crate) type Reply<T> = oneshot::Sender<Result<T, BankError>>;

#[derive(Debug)]
pub(crate) enum Request {
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

#[derive(Debug, Clone)]
pub struct BankHandle {
    pub(crate) mailbox: mpsc::Sender<Request>,
}

/// Waits for room in the mailbox, sends the request, and waits for its answer.
pub(crate) async fn ask<T>(
    mailbox: &mpsc::Sender<Request>,
    make: impl FnOnce(Reply<T>) -> Request,
) -> Result<T, BankError> {
    let (reply, answer) = oneshot::channel();
    let sent = mailbox.send(make(reply)).await;
    sent.map_err(|_| BankError::Unavailable)?;
    answer.await.map_err(|_| BankError::Unavailable)?
}

impl BankHandle {
    pub async fn balance(&self, account: AccountId) -> Result<u64, BankError> {
        crate::ask(&self.mailbox, |reply| Request::Balance { account, reply }).await
    }

    pub async fn deposit(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Deposit {
            account,
            amount,
            reply,
        };
        crate::ask(&self.mailbox, request).await
    }

    pub async fn withdraw(&self, account: AccountId, amount: u64) -> Result<u64, BankError> {
        let request = |reply| Request::Withdraw {
            account,
            amount,
            reply,
        };
        crate::ask(&self.mailbox, request).await
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
        crate::ask(&self.mailbox, request).await
    }
}
