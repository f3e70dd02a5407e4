//! Mistake: every quote doubled and every NUL spelled `char(0)`, then pasted into the SQL.
//! class: other-side — every name comes back right; only the SQL text SQLite receives shows it
//!
//! Found by the reviewer's attack. This escaper gets all the cases the tests' names
//! bring: quotes, a NUL (`' || char(0) || '`), a word like `name`. Every name is
//! stored and found exactly as given. But the name is still part of the statement's
//! text, parsed by SQLite, and one missed case away from injection; each name also
//! makes a new statement to parse. The exercise asks for bind parameters, and the
//! SQL text that sqlx logs for each statement shows whether a value went into it.

use sqlx::{AssertSqlSafe, SqlitePool};

// ANCHOR: mistake
/// `name` as an SQL string literal: quotes doubled, each NUL as `char(0)`.
fn literal(name: &str) -> String {
    let parts: Vec<String> = name
        .split('\0')
        .map(|part| format!("'{}'", part.replace('\'', "''")))
        .collect();
    parts.join(" || char(0) || ")
}

pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    let sql = format!("INSERT INTO users (name) VALUES ({})", literal(name));
    let done = sqlx::query(AssertSqlSafe(sql)).execute(pool).await?;
    Ok(done.last_insert_rowid())
}

pub async fn find_users(pool: &SqlitePool, name: &str) -> sqlx::Result<Vec<User>> {
    let sql = format!(
        "SELECT id, name FROM users WHERE name = {} ORDER BY id",
        literal(name)
    );
    let rows = sqlx::query_as::<_, (i64, String)>(AssertSqlSafe(sql))
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| User { id, name })
        .collect())
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
