//! Mistake: `load_user` answers `None` for an id below 1 without asking the database,
//! "ids start at 1".
//! class: boundary — every user of the fixtures had an id from 1 up
//!
//! From round 12's attack, where it passed every test. SQLite hands out ids from 1
//! when it picks them, but an INTEGER PRIMARY KEY holds any 64-bit value, and a row
//! inserted with id 0 or -7 is a user like any other. Ruling an id out by its value
//! answers "no such user" for one that exists. The doc now says so: any `i64` may be
//! an id, and the tests seed users 0 and -7.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    if id < 1 {
        return Ok(None); // "ids start at 1"
    }
    reference::load_user(pool, id).await
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
