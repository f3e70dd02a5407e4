//! Mistake: "by id" left to the database: no `ORDER BY`.
//! class: fixture — on the plain tables SQLite happens to scan rows in id order
//!
//! Found by the reviewer's attack. Without an index SQLite reads a table in rowid
//! order, and `id INTEGER PRIMARY KEY` *is* the rowid: every result comes out sorted,
//! run after run. But SQL promises no order without `ORDER BY`: the order is whatever
//! the query plan visits, and an index someone adds later (the tests add two, with ids
//! descending) changes the plan and the order with it.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    let rows = sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE name = ?")
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
        "SELECT id, item, cents FROM orders WHERE user_id = ?",
    )
    .bind(id)
    .fetch_all(pool);
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
