//! Mistake: SQL built with `format!`, the user's text pasted into it (SQL injection).
//! class: other-side — the caller gets an id; only the database sees the smuggled DELETE
//!
//! It is tempting because it is how the Python guide writes its queries (an f-string),
//! and because it works for every name you try by hand. sqlx 0.9 even stops it at
//! compile time: a `String` is not accepted as SQL. But its error message says how to
//! get past that, `AssertSqlSafe(…)`, and so the code compiles. Then a name with a quote
//! in it ends the string literal early, and whatever follows is parsed as SQL: SQLite
//! runs a `DELETE` smuggled in as a user's name, and a search for `' OR '1'='1` matches
//! every row.

use sqlx::AssertSqlSafe;

// ANCHOR: mistake
pub(crate) fn insert_user(name: &str) -> Statement<'_> {
    // The Python guide's f-string, carried over. sqlx refuses a `String` as SQL until
    // it is wrapped in `AssertSqlSafe`: this wrapper is a promise that nothing in the
    // string came from outside, and the promise is false.
    let sql = format!("INSERT INTO users (name) VALUES ('{name}')");
    sqlx::query(AssertSqlSafe(sql))
}

pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    let sql = format!("SELECT id, name FROM users WHERE name = '{name}' ORDER BY id");
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
