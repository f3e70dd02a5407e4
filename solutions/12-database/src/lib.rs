//! Reference solution to exercise 12: bind parameters, independent queries at once on a
//! pool, and a transfer in one transaction.
//!
//! Every value reaches SQLite as a bind parameter. The SQL texts are all `&'static
//! str`: sqlx 0.9 accepts nothing else without an explicit `AssertSqlSafe`, which is
//! what keeps user input out of them.

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
    // the sum. The first error, from whichever query, is returned even if the user
    // query found no such user; it drops the other two futures, which cancels them and
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

pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    // One connection, one transaction: the two updates are committed together or not
    // at all. Every early return below (each `?`) drops `tx` without a commit, and a
    // dropped transaction is rolled back, so no error path can leave the debit behind.
    // The same holds if the caller is cancelled at any `.await` in here: the future is
    // dropped, `tx` with it, and SQLite never sees a COMMIT.
    let mut tx = pool.begin().await?;

    // Every amount takes the same path, 0 included: the debit of 0 still has to find
    // its row (`balance >= 0` holds for any balance), and so does the credit. An
    // account paying itself is debited, then credited on the row as it is now, so its
    // balance ends where it started. `cents` is bound as the u32 it is: no cast can
    // wrap it into a negative amount.

    // The first statement is a write, so this transaction takes SQLite's write lock
    // right here and waits for it (the busy timeout) while another transfer holds it.
    // The arithmetic happens in the database, on the value it holds under that lock:
    // no other transfer can slip in between a read and a write, because there is no
    // separate read.
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

    let credit = sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(cents)
        .bind(to)
        .execute(&mut *tx)
        .await?;
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to));
    }

    // The database may still refuse the COMMIT (a constraint checked only then, a full
    // disk): the transaction is then rolled back, and the caller must hear it.
    tx.commit().await?;
    Ok(())
}
