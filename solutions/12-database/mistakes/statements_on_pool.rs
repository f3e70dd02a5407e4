//! Mistake: a transaction is begun, but the statements run on the pool.
//!
//! It looks like the transfer of the chapter: `pool.begin()` at the top, `commit()` at
//! the end. But each statement is executed on `pool`, not on `&mut *tx`, so it takes a
//! connection of its own from the pool and commits on its own, outside the transaction.
//! The transaction holds a connection and does nothing with it: when the credit fails,
//! there is nothing to roll back, and the debit stays. Under load it is worse: every
//! transfer holds one connection for its transaction and waits for a second one, so a
//! few of them can hold the whole pool and wait for each other forever.

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
    let tx = pool.begin().await?;
    // `tx` holds a connection with BEGIN sent on it, but the statements below go to
    // `pool`: each takes another connection, outside the transaction, and commits.
    let debit =
        sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?")
            .bind(cents)
            .bind(from)
            .bind(cents)
            .execute(pool)
            .await?;
    if debit.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_optional(pool)
            .await?;
        return Err(match exists {
            Some(_) => TransferError::InsufficientFunds,
            None => TransferError::NoSuchAccount(from),
        });
    }

    let credit = sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(cents)
        .bind(to)
        .execute(pool)
        .await?;
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to)); // rolls back nothing
    }
    tx.commit().await?; // commits nothing: nothing ran on its connection
    Ok(())
}
// ANCHOR_END: mistake

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
