use sqlx::SqlitePool;

/// What the shop's front page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// How many products there are.
    pub products: i64,
    /// The names of the products with fewer than `low` in stock, by name.
    pub running_low: Vec<String>,
    /// Units sold, all sales together.
    pub units_sold: i64,
}

// ANCHOR: overview
/// Three independent questions, asked at the same time. `low` is a threshold of stock:
/// 0 lists no product (no stock is below 0), `u32::MAX` lists every one.
pub async fn overview(pool: &SqlitePool, low: u32) -> sqlx::Result<Overview> {
    // Three futures; no query has started yet.
    let products = sqlx::query_scalar("SELECT COUNT(*) FROM products").fetch_one(pool);
    let running_low = sqlx::query_scalar("SELECT name FROM products WHERE stock < ? ORDER BY name")
        .bind(low)
        .fetch_all(pool);
    let units_sold =
        sqlx::query_scalar("SELECT COALESCE(SUM(quantity), 0) FROM sales").fetch_one(pool);

    // Polled together: each takes a connection of its own from the pool, so the three
    // run on three connections at once. The first error cancels the other two.
    let (products, running_low, units_sold) = tokio::try_join!(products, running_low, units_sold)?;
    Ok(Overview {
        products,
        running_low,
        units_sold,
    })
}
// ANCHOR_END: overview
