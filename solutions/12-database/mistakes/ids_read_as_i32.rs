//! Mistake: `find_users` reads the id column into an `i32`, "an INTEGER is an int".
//! class: fixture — every id of the fixtures fitted in 32 bits
//!
//! From round 12's attack, where it passed every test. In Postgres or MySQL an
//! `INTEGER` is 32 bits, and `query_as::<_, (i32, String)>` compiles (sqlx checks
//! only that SQLite's INTEGER can be read into it), with `i64::from` to fill `User`.
//! But SQLite's INTEGER holds 64 bits: a user with id 4294967297 makes the query fail
//! with "out of range integral type conversion". Read ids (and amounts) as `i64`.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    let rows =
        sqlx::query_as::<_, (i32, String)>("SELECT id, name FROM users WHERE name = ? ORDER BY id")
            .bind(name)
            .fetch_all(pool)
            .await?;
    let users = rows.into_iter().map(|(id, name)| User {
        id: i64::from(id),
        name,
    });
    Ok(users.collect())
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
