//! Mistake: "by id" left to the database: no `ORDER BY`.
//! class: fixture — on the plain tables SQLite happens to scan rows in id order
//!
//! Found by the reviewer's attack. Without an index SQLite reads a table in rowid
//! order, and `id INTEGER PRIMARY KEY` *is* the rowid: every result comes out sorted,
//! run after run. But SQL promises no order without `ORDER BY`: the order is whatever
//! the query plan visits, and an index someone adds later (the tests add two, with ids
//! descending) changes the plan and the order with it.

// ANCHOR: mistake
pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    sqlx::query_as("SELECT id, name FROM users WHERE name = ?").bind(name)
}

pub(crate) fn orders_of(id: i64) -> Rows<'static, OrderRow> {
    sqlx::query_as("SELECT id, item, cents FROM orders WHERE user_id = ?").bind(id)
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
