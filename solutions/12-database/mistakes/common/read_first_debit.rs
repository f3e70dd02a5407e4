//! What the read-first mistakes share: a debit that reads the balance, computes the new
//! one in Rust and writes it back (read–modify–write), inside the transaction.

use sqlx::sqlite::SqliteConnection;

use crate::TransferError;

pub(crate) async fn debit(
    conn: &mut SqliteConnection,
    from: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // Read the balance, decide in Rust, write the result back.
    let balance: Option<i64> = sqlx::query_scalar("SELECT balance FROM accounts WHERE id = ?")
        .bind(from)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(balance) = balance else {
        return Err(TransferError::NoSuchAccount(from));
    };
    if balance < i64::from(cents) {
        return Err(TransferError::InsufficientFunds);
    }
    sqlx::query("UPDATE accounts SET balance = ? WHERE id = ?")
        .bind(balance - i64::from(cents))
        .bind(from)
        .execute(conn)
        .await?;
    Ok(())
}
