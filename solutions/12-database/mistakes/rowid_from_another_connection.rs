//! Mistake: the new id asked for in a second query, `SELECT last_insert_rowid()`.
//! class: fixture — with one connection in the pool the second query lands on the same one
//!
//! Found by the reviewer's attack. It is `cursor.lastrowid` or `SELECT lastval()`
//! carried over: insert, then ask the database for the id. But `last_insert_rowid()`
//! belongs to a *connection*, and each query on a pool runs on whichever connection is
//! free: the second one usually lands on another connection, which answers 0 (it never
//! inserted anything) or the id of some other insert. While the pool holds a single
//! connection the answer is right, which is why it passes by hand. The INSERT's own
//! result (`done.last_insert_rowid()`) or `RETURNING id` gives the right id.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    crate::insert_user(name).execute(pool).await?;
    // A second query: on whichever connection the pool hands out now.
    sqlx::query_scalar("SELECT last_insert_rowid()")
        .fetch_one(pool)
        .await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
