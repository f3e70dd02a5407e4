//! Mistake: names trimmed before they are stored and searched, "as a form would".
//! class: fixture — no name of the first tests had a space at either end
//!
//! Found by the reviewer's attack. Web forms trim their fields, and `name.trim()` looks
//! like tidying up. Every value is still bound, and every name of the first tests comes
//! through unchanged. But `" Ada"` is stored as `"Ada"`, and a search for `"Ada "`
//! finds Ada: the function changed the caller's data, and two different names became
//! one.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    reference::add_user(pool, name.trim()).await
}

pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    reference::find_users(pool, name.trim()).await
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
