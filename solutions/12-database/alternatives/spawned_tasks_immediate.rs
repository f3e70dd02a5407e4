//! Another correct way: `RETURNING id`, three spawned tasks, and a transfer that takes
//! SQLite's write lock up front.
//!
//! `add_user` asks the INSERT itself for the id (`RETURNING id`). `load_user` runs
//! each query in a task of its own, as `asyncio.create_task` would, each with a clone of
//! the pool (a handle): they run at once, and awaiting the handles one by one costs
//! nothing more, since all three are already running. `transfer` begins with `BEGIN
//! IMMEDIATE`, which takes the write lock before the first read: with no other writer
//! possible until the commit, reading a balance, deciding in Rust and writing it back is
//! safe, and "database is locked" cannot happen. Each balance is read just before it is
//! written, so an account that pays itself reads the row its own debit has just
//! changed. From the reviewer's attack (who read both balances up front, which loses
//! the debit when an account pays itself: `mistakes/cached_balances_self_transfer.rs`).

use sqlx::SqlitePool;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub bio: String,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub item: String,
    pub cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetails {
    pub user: User,
    pub profile: Option<Profile>,
    pub orders: Vec<Order>,
}

#[derive(Debug)]
pub enum TransferError {
    NoSuchAccount(i64),
    InsufficientFunds,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for TransferError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error)
    }
}

pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("INSERT INTO users (name) VALUES (?) RETURNING id")
        .bind(name)
        .fetch_one(pool)
        .await
}

pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    use sqlx::Row;
    let rows = sqlx::query("SELECT id, name FROM users WHERE name = ?1 ORDER BY id")
        .bind(name)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|row| User {
            id: row.get("id"),
            name: row.get("name"),
        })
        .collect())
}

/// A spawned task's result; its panic goes on to the caller.
fn joined<R>(result: Result<R, tokio::task::JoinError>) -> R {
    result.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let p = pool.clone();
    let user = tokio::spawn(async move {
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&p)
            .await
    });
    let p = pool.clone();
    let profile = tokio::spawn(async move {
        sqlx::query_as::<_, (String, String)>("SELECT bio, city FROM profiles WHERE user_id = ?")
            .bind(id)
            .fetch_optional(&p)
            .await
    });
    let p = pool.clone();
    let orders = tokio::spawn(async move {
        sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(&p)
        .await
    });
    // All three are running already: awaiting them in turn waits for the slowest.
    let user = joined(user.await)?;
    let profile = joined(profile.await)?;
    let orders = joined(orders.await)?;
    Ok(user.map(|(id, name)| UserDetails {
        user: User { id, name },
        profile: profile.map(|(bio, city)| Profile { bio, city }),
        orders: orders
            .into_iter()
            .map(|(id, item, cents)| Order { id, item, cents })
            .collect(),
    }))
}

// ANCHOR: immediate
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let cents = i64::from(cents);
    // The write lock first: no other transfer can write until this one commits.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let balance_of =
        |id| sqlx::query_scalar::<_, i64>("SELECT balance FROM accounts WHERE id = ?").bind(id);
    let set = |id, balance| {
        sqlx::query("UPDATE accounts SET balance = ? WHERE id = ?")
            .bind(balance)
            .bind(id)
    };
    let from_balance = balance_of(from)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(TransferError::NoSuchAccount(from))?;
    if balance_of(to).fetch_optional(&mut *tx).await?.is_none() {
        return Err(TransferError::NoSuchAccount(to));
    }
    if from_balance < cents {
        return Err(TransferError::InsufficientFunds);
    }
    set(from, from_balance - cents).execute(&mut *tx).await?;
    // Read only now: if the account pays itself, this is the row just debited.
    let to_balance = balance_of(to).fetch_one(&mut *tx).await?;
    set(to, to_balance + cents).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}
// ANCHOR_END: immediate

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
