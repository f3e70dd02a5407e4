//! Mistake: the name "sanitised" by doubling its quotes, then pasted into the SQL.
//! class: fixture — every hostile name of the first tests had a quote; a NUL shows it
//!
//! Found by the reviewer's attack. Doubling `'` is how SQL writes a quote inside a
//! string literal, and it defeats every injection that needs a quote to end the
//! literal: `x'); DELETE …` is stored as it is, and `' OR '1'='1` finds nobody. It even
//! needs `AssertSqlSafe`, which feels like a promise kept. But the name is still read
//! by SQLite's parser, and the parser has more rules than quotes: a NUL character ends
//! the SQL text for it, so `nul\0byte` leaves an unterminated literal behind. Escaping
//! is a list of cases to get right; a bind parameter is never parsed at all.

use sqlx::AssertSqlSafe;

// ANCHOR: mistake
pub(crate) fn insert_user(name: &str) -> Statement<'_> {
    let safe = name.replace('\'', "''"); // "sanitised"
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO users (name) VALUES ('{safe}')"
    )))
}

pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    let safe = name.replace('\'', "''");
    let sql = format!("SELECT id, name FROM users WHERE name = '{safe}' ORDER BY id");
    sqlx::query_as(AssertSqlSafe(sql))
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
