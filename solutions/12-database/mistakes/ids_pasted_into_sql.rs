//! Mistake: the names are bound, but the ids are pasted into the SQL: "a number is safe".
//! class: other-side — every answer is right; only the SQL text SQLite receives shows it
//!
//! Found by the reviewer's attack. An `i64` cannot hold a quote, so `format!("… WHERE id
//! = {id}")` cannot be injected, and every result is exactly right. But the exercise
//! asks for every value as a bind parameter, and not only for safety: each id makes a
//! new SQL text, which SQLite parses and plans again instead of reusing the statement
//! sqlx prepared once, and a value that is safe today (an `i64`) is one refactoring
//! away from one that is not (a `String` id from a URL). The SQL text that sqlx logs
//! shows the id in it.

use sqlx::AssertSqlSafe;

// ANCHOR: mistake
pub(crate) fn user_with_id(id: i64) -> Rows<'static, UserRow> {
    let sql = format!("SELECT id, name FROM users WHERE id = {id}");
    sqlx::query_as(AssertSqlSafe(sql))
}

pub(crate) fn profile_of(id: i64) -> Rows<'static, ProfileRow> {
    let sql = format!("SELECT bio, city FROM profiles WHERE user_id = {id}");
    sqlx::query_as(AssertSqlSafe(sql))
}

pub(crate) fn orders_of(id: i64) -> Rows<'static, OrderRow> {
    let sql = format!("SELECT id, item, cents FROM orders WHERE user_id = {id} ORDER BY id");
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
