//! Reference solution to exercise 12: bind parameters, independent queries at once on a
//! pool, and a transfer in one transaction.
//!
//! Every value reaches SQLite as a bind parameter. The SQL texts are all `&'static
//! str`: sqlx 0.9 accepts nothing else without an explicit `AssertSqlSafe`, which is
//! what keeps user input out of them.
//!
//! Each public function is a few lines; each decision in it is a small function below
//! (which query, with which values bound; how a debit or a credit tells its failures
//! apart; whether the commit is checked), called by its path from the crate root
//! (`crate::users_named(…)`, `crate::debit(…)`). Each file in `mistakes/` includes this
//! one as a module, beside its own version of one decision; the path then leads to that
//! version, and everything else stays as it is here.

use sqlx::query::{Query, QueryAs};
use sqlx::sqlite::{Sqlite, SqliteArguments, SqliteConnection};
use sqlx::{SqlitePool, Transaction};

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

/// A statement with its values bound, not run yet.
pub(crate) type Statement<'q> = Query<'q, Sqlite, SqliteArguments>;
/// A query that reads rows of type `R`, with its values bound, not run yet.
pub(crate) type Rows<'q, R> = QueryAs<'q, Sqlite, R, SqliteArguments>;
/// A row of `users`: id, name.
pub(crate) type UserRow = (i64, String);
/// A row of `profiles` without its `user_id`: bio, city.
pub(crate) type ProfileRow = (String, String);
/// A row of `orders` without its `user_id`: id, item, cents.
pub(crate) type OrderRow = (i64, String, i64);

pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    // The id comes from the INSERT's own result: the row that statement stored, on the
    // connection it ran on, whatever other connections insert meanwhile.
    let done = crate::insert_user(name).execute(pool).await?;
    Ok(done.last_insert_rowid())
}

/// The INSERT of a user. The name travels beside the SQL, never inside it: SQLite
/// compiles the statement first and only then receives the value, so no quote in it can
/// change the query, and it is stored exactly as given.
pub(crate) fn insert_user(name: &str) -> Statement<'_> {
    sqlx::query("INSERT INTO users (name) VALUES (?)").bind(name)
}

pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    let rows = crate::users_named(name).fetch_all(pool).await?;
    Ok(rows.into_iter().map(crate::user).collect())
}

/// The users called exactly `name` (`=`, not a pattern), by id: without `ORDER BY`, SQL
/// promises no order.
pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    sqlx::query_as("SELECT id, name FROM users WHERE name = ? ORDER BY id").bind(name)
}

pub(crate) fn user((id, name): UserRow) -> User {
    User { id, name }
}

pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let user = crate::user_with_id(id).fetch_optional(pool);
    let profile = crate::profile_of(id).fetch_optional(pool);
    let orders = crate::orders_of(id).fetch_all(pool);

    // Nothing has run yet: the three lines above only built futures. `try_join!` polls
    // all three in this task; each takes its own connection from the pool, so the three
    // queries run on three SQLite connections at once and we wait for the slowest, not
    // the sum. The first error, from whichever query, is returned even if the user
    // query found no such user; it drops the other two futures, which cancels them and
    // returns their connections to the pool. (Asking for the profile and orders of a
    // user that turns out not to exist costs two cheap queries; the latency saved is
    // worth it.)
    let (user, profile, orders) = tokio::try_join!(user, profile, orders)?;
    Ok(crate::details(user, profile, orders))
}

pub(crate) fn user_with_id(id: i64) -> Rows<'static, UserRow> {
    sqlx::query_as("SELECT id, name FROM users WHERE id = ?").bind(id)
}

pub(crate) fn profile_of(id: i64) -> Rows<'static, ProfileRow> {
    sqlx::query_as("SELECT bio, city FROM profiles WHERE user_id = ?").bind(id)
}

/// All of the user's orders (no page, no `LIMIT`), by id.
pub(crate) fn orders_of(id: i64) -> Rows<'static, OrderRow> {
    sqlx::query_as("SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id").bind(id)
}

/// The three results as one answer: `None` only when no user has the id.
pub(crate) fn details(
    user: Option<UserRow>,
    profile: Option<ProfileRow>,
    orders: Vec<OrderRow>,
) -> Option<UserDetails> {
    Some(UserDetails {
        user: crate::user(user?),
        profile: profile.map(|(bio, city)| Profile { bio, city }),
        orders: orders
            .into_iter()
            .map(|(id, item, cents)| Order { id, item, cents })
            .collect(),
    })
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
    // balance ends where it started. Both steps run on the transaction's own connection
    // (`&mut tx` derefs to it): a step run on another connection from the pool would be
    // outside the transaction, and commit on its own.
    crate::debit(&mut tx, from, cents).await?;
    crate::credit(&mut tx, to, cents).await?;
    crate::commit(tx).await
}

/// The amount as SQLite's 64-bit INTEGER: `i64::from` cannot wrap, as `as i32` would
/// above `i32::MAX` (into a negative amount, which turns a debit into a credit).
pub(crate) fn amount(cents: u32) -> i64 {
    i64::from(cents)
}

/// Takes `cents` from `from`, on `conn` (the transaction's, in [`transfer`]).
///
/// The first statement is a write, so a transaction takes SQLite's write lock right
/// here and waits for it (the busy timeout) while another transfer holds it. The check
/// and the arithmetic happen in the database, in that one statement, on the value it
/// holds under that lock: no other transfer can slip in between a read and a write,
/// because there is no separate read.
pub(crate) async fn debit(
    conn: &mut SqliteConnection,
    from: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let debit =
        sqlx::query("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?")
            .bind(crate::amount(cents))
            .bind(from)
            .bind(crate::amount(cents))
            .execute(&mut *conn)
            .await?;
    if debit.rows_affected() == 0 {
        // No row matched: either there is no such account, or it holds too little. (A
        // statement the database refused is an `Err` above, passed on as it is.)
        let exists = sqlx::query("SELECT 1 FROM accounts WHERE id = ?")
            .bind(from)
            .fetch_optional(&mut *conn)
            .await?;
        return Err(match exists {
            Some(_) => TransferError::InsufficientFunds,
            None => TransferError::NoSuchAccount(from),
        });
    }
    Ok(())
}

/// Gives `cents` to `to`. An UPDATE whose WHERE matches no row is no error in SQL: only
/// `rows_affected()` tells that the account does not exist.
pub(crate) async fn credit(
    conn: &mut SqliteConnection,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    let credit = sqlx::query("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .bind(crate::amount(cents))
        .bind(to)
        .execute(&mut *conn)
        .await?;
    if credit.rows_affected() == 0 {
        return Err(TransferError::NoSuchAccount(to));
    }
    Ok(())
}

/// The database may still refuse the COMMIT (a constraint checked only then, a full
/// disk): the transaction is then rolled back, and the caller must hear it.
pub(crate) async fn commit(tx: Transaction<'_, Sqlite>) -> Result<(), TransferError> {
    tx.commit().await?;
    Ok(())
}
