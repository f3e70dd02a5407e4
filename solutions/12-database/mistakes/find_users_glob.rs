//! Mistake: `WHERE name GLOB ?` instead of `=`.
//! class: fixture — no name in the first tests held a wildcard, so a pattern matched like `=`
//!
//! Found by the reviewer's attack. `GLOB` is case-sensitive and the name is bound, so
//! `"ada"` still finds nobody and no quote can break out. But `GLOB` reads the name
//! as a pattern: `"A*"` finds Ada and Alan, `"*"` finds everybody. (`LIKE` does the
//! same with `%` and `_`, and ignores case besides.)

// ANCHOR: mistake
pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    sqlx::query_as("SELECT id, name FROM users WHERE name GLOB ? ORDER BY id").bind(name)
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
