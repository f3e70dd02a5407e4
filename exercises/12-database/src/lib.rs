//! # Exercise 12: a database — concurrent queries, a transaction, bind parameters
//!
//! A small shop keeps its users, their profiles, their orders and their money in SQLite,
//! reached through a `sqlx::SqlitePool`. The tests create the database (a file in a temp
//! directory), its tables and its rows, and hand every function the pool:
//!
//! ```sql
//! CREATE TABLE users    (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
//! CREATE TABLE profiles (user_id INTEGER PRIMARY KEY REFERENCES users (id),
//!                        bio TEXT NOT NULL, city TEXT NOT NULL);
//! CREATE TABLE orders   (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id),
//!                        item TEXT NOT NULL, cents INTEGER NOT NULL);
//! CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL,
//!                        balance INTEGER NOT NULL CHECK (balance >= 0));
//! ```
//!
//! Write four functions:
//!
//! - [`add_user`] inserts a user and returns the new id: the id of the row *its* INSERT
//!   stored, even while other calls insert at the same time, and even when the name is
//!   taken (names need not be unique: a second Ada is a new user). [`find_users`] returns
//!   every user whose name is exactly the given one, by id.
//!   Names come from the outside world and may hold any character: quotes of either
//!   kind, a NUL, words that SQL would read as a column (`name`). A name like
//!   `x'); DELETE FROM accounts; --` must be stored as those characters, and searching
//!   for `' OR '1'='1` must find nobody. A name is stored and matched exactly as given:
//!   the empty name `""` is a name like any other, and spaces are part of a name
//!   (`" Ada"` is not `"Ada"`); nothing is trimmed, skipped or refused. **Pass every
//!   value as a bind parameter**, in all four functions, ids and amounts as well as
//!   names (`?` in the SQL, `.bind(value)` on the query); never paste a value into the
//!   SQL text, escaped or not.
//! - [`load_user`] returns a user with their profile (a user may have none) and their
//!   orders (by order id), or `None` for an unknown id. `None` means only that: a query
//!   that fails (a table missing, the database unreachable) is an `Err`, whichever of the
//!   three it is, even when the user query found no such user. The three reads
//!   are independent: **run them at the same time**, each on its own connection from the
//!   pool. The tests hold back every connection the pool hands out until all three
//!   queries are waiting for one, and then every query SQLite starts until all three are
//!   running, so queries awaited one after another fail.
//! - Order: "by id" means `ORDER BY` in the SQL. Without it SQL promises no order, and
//!   the tests add indexes that change the order in which SQLite finds the rows.
//! - Ids: any `i64` may be an id, 0, negative ones and ones above `i32::MAX` included
//!   (SQLite's INTEGER holds 64 bits): look every id up as it is, never rule one out by
//!   its value, and read ids and amounts as `i64`.
//! - [`transfer`] moves `cents` from one account to another, **all or nothing**: a
//!   transfer that fails leaves every balance as it was, whichever step failed (the
//!   commit included), and so does one whose caller stops waiting (a `timeout` around
//!   the call), wherever it stops: a transfer is made entirely or not at all, never
//!   half, and it leaves nothing unfinished behind: the next call works as if it had
//!   never run.
//!   - It fails with [`TransferError::NoSuchAccount`] when either account does not
//!     exist (checking `from` first: with both missing, it names `from`),
//!     [`TransferError::InsufficientFunds`] when `from` holds less than `cents`, and
//!     [`TransferError::Database`] when the database refuses a statement on either
//!     account (the tests freeze an account with a trigger) or refuses the commit: a
//!     refusal is not a lack of money. A query that fails (a table missing, say) is
//!     `Database` too, never `NoSuchAccount`, which means the account was looked for
//!     and not found. When `from` is short *and* `to` is missing, either of those two
//!     errors may be returned.
//!   - `cents` may be anything from 0 to `u32::MAX`: 0 moves nothing but still needs
//!     both accounts to exist, and an amount above the balance of an account that
//!     exists, however large, is `InsufficientFunds`.
//!   - An account may pay itself: that needs the account to exist and the funds like
//!     any transfer, and leaves its balance as it was.
//!   - Many transfers run at once, some competing for the same money: none may be lost,
//!     none may fail just because others are running, and one that finds the money gone
//!     is `InsufficientFunds`.
//!
//! Hint: `sqlx::query("… WHERE id = ?").bind(id).fetch_optional(pool)`, and
//! `sqlx::query_as::<_, (i64, String)>(…)` to read rows into tuples (or `sqlx::Row`'s
//! `get`); `tokio::try_join!` to await several queries at once; `pool.begin()`,
//! `.execute(&mut *tx)` and `tx.commit()` for a transaction, and `rows_affected()` to see
//! whether an `UPDATE` found its row; an `impl From<sqlx::Error> for TransferError` lets
//! `?` convert errors. Run `cargo workshop hint 12` for more.
//!
//! Check your work with `cargo workshop check 12` (or `cargo test -p database-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use sqlx::SqlitePool;

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
}

/// A row of `profiles`, without its `user_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub bio: String,
    pub city: String,
}

/// A row of `orders`, without its `user_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub item: String,
    pub cents: i64,
}

/// What [`load_user`] returns: a user with their profile and their orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetails {
    pub user: User,
    /// `None` when the user has no row in `profiles`.
    pub profile: Option<Profile>,
    /// The user's orders, by order id.
    pub orders: Vec<Order>,
}

/// Why a transfer changed nothing.
#[derive(Debug)]
pub enum TransferError {
    /// No account has this id.
    NoSuchAccount(i64),
    /// The paying account holds less than the amount.
    InsufficientFunds,
    /// The database refused a statement, or could not be reached.
    Database(sqlx::Error),
}

/// Inserts a user called `name`; returns the new user's id.
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    todo!("add_user: INSERT with the name as a bind parameter (`?` and `.bind(name)`)")
}

/// The users whose name is exactly `name`, by id.
pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    todo!("find_users: SELECT … WHERE name = ? with `.bind(name)`")
}

/// The user `id` with their profile and orders, or `None` if there is no such user.
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    todo!("load_user: three independent queries (user, profile, orders) at once with try_join!")
}

/// Moves `cents` (0 to `u32::MAX`) from account `from` to account `to`, all or nothing.
pub async fn transfer(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    cents: u32,
) -> Result<(), TransferError> {
    todo!("transfer: debit and credit in one transaction (pool.begin(), tx.commit())")
}
