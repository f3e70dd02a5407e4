//! Mistake: SQL built with `format!` and handed to `sqlx::query` as it is.
//! class: other-side — the input would reach the database as SQL; sqlx refuses it first
//!
//! It is tempting because it is the Python guide's f-string in Rust, and every
//! database library used to accept it. sqlx 0.9 does not: `query` takes an
//! `impl SqlSafeStr`, which only a `&'static str` (a literal, written by the programmer)
//! implements, so SQL that was put together at run time is refused before anything
//! runs. The fix is not to get past the error (`AssertSqlSafe`, see
//! `string_built_sql.rs` for what happens then) but to take its advice: a literal with
//! `?` and `.bind(name)`.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message, which the book shows.
// workshop: must not compile
// workshop: whole file: it is compiled on its own, to record the compiler's refusal

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    let sql = format!("INSERT INTO users (name) VALUES ('{name}')");
    let done = sqlx::query(&sql).execute(pool).await?;
    Ok(done.last_insert_rowid())
}
// ANCHOR_END: mistake
