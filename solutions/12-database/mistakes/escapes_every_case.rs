//! Mistake: every quote doubled and every NUL spelled `char(0)`, then pasted into the SQL.
//! class: other-side — every name comes back right; only the SQL text SQLite receives shows it
//!
//! Found by the reviewer's attack. This escaper gets all the cases the tests' names
//! bring: quotes, a NUL (`' || char(0) || '`), a word like `name`. Every name is
//! stored and found exactly as given. But the name is still part of the statement's
//! text, parsed by SQLite, and one missed case away from injection; each name also
//! makes a new statement to parse. The exercise asks for bind parameters, and the
//! SQL text that sqlx logs for each statement shows whether a value went into it.

use sqlx::AssertSqlSafe;

// ANCHOR: mistake
/// `name` as an SQL string literal: quotes doubled, each NUL as `char(0)`.
fn literal(name: &str) -> String {
    let parts: Vec<String> = name
        .split('\0')
        .map(|part| format!("'{}'", part.replace('\'', "''")))
        .collect();
    parts.join(" || char(0) || ")
}

pub(crate) fn insert_user(name: &str) -> Statement<'_> {
    let sql = format!("INSERT INTO users (name) VALUES ({})", literal(name));
    sqlx::query(AssertSqlSafe(sql))
}

pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    let sql = format!(
        "SELECT id, name FROM users WHERE name = {} ORDER BY id",
        literal(name)
    );
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
