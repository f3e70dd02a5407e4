use std::path::Path;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

// ANCHOR: schema
/// The tables, created when the shop starts if they are not there yet.
const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS products (
        id    INTEGER PRIMARY KEY,
        name  TEXT    NOT NULL,
        stock INTEGER NOT NULL CHECK (stock >= 0)
    );
    CREATE TABLE IF NOT EXISTS sales (
        id         INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products (id),
        quantity   INTEGER NOT NULL CHECK (quantity > 0)
    );
";
// ANCHOR_END: schema

// ANCHOR: open
/// Opens (or creates) the database at `path`: a pool of up to four connections, and
/// the schema in place.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        // Readers never wait for the writer, and the writer never waits for readers.
        .journal_mode(SqliteJournalMode::Wal)
        // In WAL mode this is safe from corruption and saves an fsync per commit.
        .synchronous(SqliteSynchronous::Normal)
        // A second writer waits this long for the first instead of failing at once.
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // Waiting longer than this for a free connection is an error, not a hang.
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    // `raw_sql` runs several statements in one call; it takes no bind parameters,
    // which is fine for SQL that is a constant of the program.
    sqlx::raw_sql(SCHEMA).execute(&pool).await?;
    Ok(pool)
}
// ANCHOR_END: open
