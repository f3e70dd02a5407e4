//! Mistake: the new id looked up after the INSERT, as the newest user of that name.
//! class: fixture — the concurrent inserts all had names of their own
//!
//! Found by the reviewer's attack. It knows `SELECT last_insert_rowid()` on the pool
//! can land on another connection, so it asks the table instead: "the user I just
//! added is the newest one called that". Called one at a time, or at once with
//! different names, it is always right. But names need not be unique, and between the
//! INSERT and the lookup another call may add a user of the same name: two calls adding
//! "Ada" at once both find the later Ada, and both return its id. Only the INSERT
//! itself knows which row it stored: `done.last_insert_rowid()` or `RETURNING id`.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    crate::insert_user(name).execute(pool).await?;
    // The user just added is the newest one called `name`.
    sqlx::query_scalar("SELECT MAX(id) FROM users WHERE name = ?")
        .bind(name)
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
