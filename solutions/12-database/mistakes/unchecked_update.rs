//! Mistake: the credit's `UPDATE` is trusted to fail when the account is missing.
//!
//! Everything is in one transaction, and every `?` rolls it back. But an `UPDATE` whose
//! `WHERE` matches no row is not an error in SQL: it succeeds, changing nothing, and
//! says so only in `rows_affected()`. So a transfer to an account that does not exist
//! debits the payer, credits nobody, returns `Ok(())`, and commits: the money is gone,
//! and the caller was told it arrived.

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
    // The name travels beside the SQL, never inside it: SQLite compiles the statement
    // first and only then receives the value, so no quote in it can change the query.
    let done = sqlx::query("INSERT INTO users (name) VALUES (?)")
        .bind(name)
        .execute(pool)
        .await?;
    Ok(done.last_insert_rowid())
}

pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    let rows =
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE name = ? ORDER BY id")
            .bind(name)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| User { id, name })
        .collect())
}

pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let user = sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(pool);
    let profile =
        sqlx::query_as::<_, (String, String)>("SELECT bio, city FROM profiles WHERE user_id = ?")
            .bind(id)
            .fetch_optional(pool);
    let orders = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool);

    // Nothing has run yet: the three lines above only built futures. `try_join!` polls
    // all three in this task; each takes its own connection from the pool, so the three
    // queries run on three SQLite connections at once and we wait for the slowest, not
    // the sum. The first error drops the other two futures, which cancels them and
    // returns their connections to the pool. (Asking for the profile and orders of a
    // user that turns out not to exist costs two cheap queries; the latency saved is
    // worth it.)
    let (user, profile, orders) = tokio::try_join!(user, profile, orders)?;

    let Some((id, name)) = user else {
        return Ok(None);
    };
    Ok(Some(UserDetails {
        user: User { id, name },
        profile: profile.map(|(bio, city)| Profile { bio, city }),
        orders: orders
            .into_iter()
            .map(|(id, item, cents)| Order { id, item, cents })
            .collect(),
    }))
}

// ANCHOR: mistake
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut tx = pool.begin().await?;
    let debit =
        sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?")
            .bind(cents)
            .bind(from)
            .bind(cents)
            .execute(&mut *tx)
            .await?;
    if debit.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_optional(&mut *tx)
            .await?;
        return Err(match exists {
            Some(_) => TransferError::InsufficientFunds,
            None => TransferError::NoSuchAccount(from),
        });
    }

    // A missing account would be an error, so `?` is enough here. (It is not: an
    // UPDATE that matches no row succeeds, with `rows_affected() == 0`.)
    sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(cents)
        .bind(to)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
