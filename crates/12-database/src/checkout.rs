use std::fmt;

use sqlx::SqlitePool;

/// Why a basket was not sold; when `sell` returns one, nothing was sold.
#[derive(Debug)]
pub enum SaleError {
    /// There is no such product, or not enough of it in stock.
    Unavailable { product: i64, wanted: u32 },
    /// The database refused a statement, or could not be reached.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for SaleError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error)
    }
}

impl fmt::Display for SaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable { product, wanted } => {
                write!(f, "product {product}: {wanted} not available")
            }
            Self::Database(error) => write!(f, "database: {error}"),
        }
    }
}

impl std::error::Error for SaleError {}

// ANCHOR: sell
/// Sells every line of `basket` (product id, quantity), or none of them.
///
/// A quantity larger than the stock, however large (up to `u32::MAX`), makes the
/// product [`SaleError::Unavailable`]. A quantity of 0 is refused by the `sales` table
/// (`CHECK (quantity > 0)`): `sell` returns [`SaleError::Database`], whose message names
/// that constraint, and sells nothing. An empty basket sells nothing, successfully.
pub async fn sell(pool: &SqlitePool, basket: &[(i64, u32)]) -> Result<(), SaleError> {
    // One connection for the whole basket, inside BEGIN … COMMIT.
    let mut tx = pool.begin().await?;
    for &(product, quantity) in basket {
        // Check and change the stock in one statement: the database does the
        // arithmetic on the value it holds, so two buyers cannot both take the last
        // lamp. Being a write, it also takes SQLite's write lock for this transaction.
        let taken =
            sqlx::query("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?")
                .bind(quantity)
                .bind(product)
                .bind(quantity)
                .execute(&mut *tx)
                .await?;
        if taken.rows_affected() == 0 {
            // Returning drops `tx` without a commit: SQLite rolls back every line
            // taken so far.
            return Err(SaleError::Unavailable {
                product,
                wanted: quantity,
            });
        }
        sqlx::query("INSERT INTO sales (product_id, quantity) VALUES (?, ?)")
            .bind(product)
            .bind(quantity)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?; // only now do other connections see any of it
    Ok(())
}
// ANCHOR_END: sell
