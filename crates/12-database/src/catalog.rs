use sqlx::SqlitePool;

/// A row of `products`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub stock: i64,
}

// ANCHOR: bind
/// Adds a product; returns its id. `stock` may be anything from 0 (sold out) to
/// `u32::MAX`, and is stored as it is.
pub async fn add_product(pool: &SqlitePool, name: &str, stock: u32) -> sqlx::Result<i64> {
    // The SQL is a constant; the values travel beside it. SQLite compiles the
    // statement first and receives the values afterwards, so nothing in `name` can
    // ever be read as SQL: a quote in it is just a quote.
    let done = sqlx::query("INSERT INTO products (name, stock) VALUES (?, ?)")
        .bind(name)
        .bind(stock)
        .execute(pool)
        .await?;
    Ok(done.last_insert_rowid())
}

/// The products whose name contains `text`, by name.
pub async fn search(pool: &SqlitePool, text: &str) -> sqlx::Result<Vec<Product>> {
    let rows = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, name, stock FROM products WHERE instr(name, ?) > 0 ORDER BY name",
    )
    .bind(text)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, stock)| Product { id, name, stock })
        .collect())
}
// ANCHOR_END: bind
