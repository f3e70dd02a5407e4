//! Mistake: an empty name is "no name", and a search for it returns nobody at once.
//! class: boundary — the empty name: no test had stored one
//!
//! Found by the reviewer's attack. It is Python's `if not name: return []`, a guard
//! against a search with nothing to search for. But `""` is a name like any other:
//! `add_user("")` stores it (the column is `NOT NULL`, not non-empty), and
//! `find_users("")` must then find that user.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    if name.is_empty() {
        return Ok(Vec::new()); // "nothing to search for"
    }
    reference::find_users(pool, name).await
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
