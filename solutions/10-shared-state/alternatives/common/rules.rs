//! The rules on a plain `Vec` of balances, shared by the alternatives whose lock (or
//! actor) guards the whole `Vec`, and the actor's handling of one request with them.
//! Each rule needs the balances to itself for the whole call, audit included.

use crate::{AccountId, Audit, BankError, Request};

pub(crate) async fn deposit_into(
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

pub(crate) async fn withdraw_from(
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

pub(crate) async fn transfer_between(
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

/// One request, carried out to the end on the actor's own balances, and answered. Each
/// answer may find nobody waiting any more: not an error for the actor.
pub(crate) async fn serve(balances: &mut [u64], audit: &impl Audit, request: Request) {
    match request {
        Request::Balance { account, reply } => {
            let _ = reply.send(Ok(balances[account]));
        }
        Request::Deposit {
            account,
            amount,
            reply,
        } => {
            let _ = reply.send(deposit_into(balances, audit, account, amount).await);
        }
        Request::Withdraw {
            account,
            amount,
            reply,
        } => {
            let _ = reply.send(withdraw_from(balances, audit, account, amount).await);
        }
        Request::Transfer {
            from,
            to,
            amount,
            reply,
        } => {
            let _ = reply.send(transfer_between(balances, audit, from, to, amount).await);
        }
    }
}
