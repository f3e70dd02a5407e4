//! Mistake: the name quoted with `{:?}`, Rust's `Debug` format, and pasted into the SQL.
//! class: fixture — the first tests' hostile names had no `"`; `say "hi"` and `name` do
//!
//! Found by the reviewer's attack. `format!("{name:?}")` puts the text in quotes and
//! escapes what is inside, so `x'); DELETE …` becomes one harmless-looking token. But
//! those are Rust's rules, not SQL's: `"…"` in SQL quotes an identifier (SQLite falls
//! back to a string only when no column has that name), and SQL has no `\"` escape. So
//! `say "hi"` is a syntax error, `nul\0byte` is stored with a backslash, and searching
//! for the name `name` compares the column with itself and finds every user.

use sqlx::AssertSqlSafe;

// ANCHOR: mistake
pub(crate) fn insert_user(name: &str) -> Statement<'_> {
    // `{:?}` quotes and escapes the string: Rust's quoting, not SQL's.
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO users (name) VALUES ({name:?})"
    )))
}

pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    let sql = format!("SELECT id, name FROM users WHERE name = {name:?} ORDER BY id");
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
