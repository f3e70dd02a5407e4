//! What chapter 12 says about `sqlite::memory:` in sqlx 0.9, checked: sqlx turns it into
//! a *named, shared-cache* in-memory database, so every connection of one pool sees the
//! same database, and it vanishes when the last connection closes.

use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

// ANCHOR: memory
#[tokio::test]
async fn sqlite_memory_is_one_database_shared_by_the_pool_until_it_closes() {
    let options: SqliteConnectOptions = "sqlite::memory:".parse().unwrap();
    let pool = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options.clone())
        .await
        .unwrap();

    let mut first = pool.acquire().await.unwrap();
    let mut second = pool.acquire().await.unwrap(); // a second, separate connection
    sqlx::query("CREATE TABLE notes (text TEXT)")
        .execute(&mut *first)
        .await
        .unwrap();
    sqlx::query("INSERT INTO notes VALUES ('seen by both')")
        .execute(&mut *first)
        .await
        .unwrap();
    let row = sqlx::query("SELECT text FROM notes")
        .fetch_one(&mut *second)
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>("text"), "seen by both");

    drop((first, second));
    pool.close().await; // the last connection closes: the database is gone
    let again = SqlitePoolOptions::new()
        .connect_with(options)
        .await
        .unwrap();
    let gone = sqlx::query("SELECT text FROM notes")
        .fetch_one(&again)
        .await;
    assert!(gone.is_err(), "a fresh connection finds no table");
}
// ANCHOR_END: memory
