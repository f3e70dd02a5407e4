//! Another correct way: each read on a connection it checks out itself, and a transfer
//! that lets the table's CHECK refuse the overdraft.
//!
//! `load_user` runs three `async` blocks under a plain `join!`; each takes its own
//! connection with `pool.acquire()` and runs its query on it, so the three queries run
//! together as in the reference, and the errors are looked at once all three are done.
//! The user is read with `fetch_one`, and only `RowNotFound` becomes `None`.
//! `transfer` debits without a condition and tells the CHECK violation
//! (`is_check_violation()`) apart from every other refusal: only that one is
//! `InsufficientFunds`. Like the conditional debit, it is one statement that reads and
//! writes the balance, inside the transaction. The credit says whether it found its row
//! with `RETURNING id`. Found by the reviewer's attack.

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

// ANCHOR: acquire
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let (user, profile, orders) = tokio::join!(
        async {
            let mut conn = pool.acquire().await?;
            let user =
                sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await;
            match user {
                Ok(user) => Ok(Some(user)),
                Err(sqlx::Error::RowNotFound) => Ok(None),
                Err(error) => Err(error),
            }
        },
        async {
            let mut conn = pool.acquire().await?;
            sqlx::query_as::<_, (String, String)>(
                "SELECT bio, city FROM profiles WHERE user_id = ?",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
        },
        async {
            let mut conn = pool.acquire().await?;
            sqlx::query_as::<_, (i64, String, i64)>(
                "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await
        },
    );
    let (user, profile, orders) = (user?, profile?, orders?);
    // ANCHOR_END: acquire
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

pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let mut tx = pool.begin().await?;
    let debit = sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ?")
        .bind(cents)
        .bind(from)
        .execute(&mut *tx)
        .await;
    match debit {
        Ok(done) if done.rows_affected() == 0 => return Err(TransferError::NoSuchAccount(from)),
        Ok(_) => {}
        // The table's CHECK (balance >= 0): this refusal, and only this one, is a lack
        // of money.
        Err(sqlx::Error::Database(e)) if e.is_check_violation() => {
            return Err(TransferError::InsufficientFunds);
        }
        Err(error) => return Err(error.into()),
    }
    let credited: Option<i64> =
        sqlx::query_scalar("UPDATE accounts SET balance = balance + ? WHERE id = ? RETURNING id")
            .bind(cents)
            .bind(to)
            .fetch_optional(&mut *tx)
            .await?;
    if credited.is_none() {
        return Err(TransferError::NoSuchAccount(to));
    }
    tx.commit().await?;
    Ok(())
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
