//! What the worked example does with a count of 0, and with one beyond any stock: each
//! function either works or fails at once with an error that says why.

use std::time::Duration;

use database_example::{SaleError, ScratchDb, add_product, open, overview, search, sell};
use sqlx::SqlitePool;
use testkit::within;

const WATCHDOG: Duration = Duration::from_secs(2);

/// A lamp (5 in stock) and a sold-out kettle (0), ids 1 and 2.
async fn shop(scratch: &ScratchDb) -> SqlitePool {
    let pool = open(scratch.path())
        .await
        .expect("opening the scratch database");
    add_product(&pool, "lamp", 5).await.unwrap();
    add_product(&pool, "kettle", 0).await.unwrap();
    pool
}

async fn stock(pool: &SqlitePool) -> Vec<(String, i64)> {
    let products = search(pool, "").await.unwrap();
    products.into_iter().map(|p| (p.name, p.stock)).collect()
}

#[tokio::test]
async fn a_stock_of_zero_or_of_u32_max_is_stored_as_it_is() {
    let scratch = ScratchDb::new("stock_bounds");
    let pool = shop(&scratch).await;
    within(
        WATCHDOG,
        "add_product",
        add_product(&pool, "grain", u32::MAX),
    )
    .await
    .unwrap();
    assert_eq!(
        stock(&pool).await,
        [
            ("grain".into(), i64::from(u32::MAX)),
            ("kettle".into(), 0),
            ("lamp".into(), 5)
        ]
    );
}

#[tokio::test]
async fn a_quantity_of_zero_is_refused_and_sells_nothing() {
    let scratch = ScratchDb::new("zero_quantity");
    let pool = shop(&scratch).await;
    let sold = within(WATCHDOG, "sell", sell(&pool, &[(1, 1), (1, 0)])).await;
    let Err(SaleError::Database(error)) = sold else {
        panic!("a line of 0 lamps: {sold:?}");
    };
    assert!(
        error
            .to_string()
            .contains("CHECK constraint failed: quantity > 0"),
        "the error names the constraint: {error}"
    );
    assert_eq!(
        stock(&pool).await,
        [("kettle".into(), 0), ("lamp".into(), 5)],
        "nothing sold, not even the first line"
    );
}

#[tokio::test]
async fn a_quantity_beyond_any_stock_is_unavailable() {
    let scratch = ScratchDb::new("huge_quantity");
    let pool = shop(&scratch).await;
    let sold = within(WATCHDOG, "sell", sell(&pool, &[(1, u32::MAX)])).await;
    assert!(
        matches!(
            sold,
            Err(SaleError::Unavailable {
                product: 1,
                wanted: u32::MAX
            })
        ),
        "{sold:?}"
    );
    let sold = within(WATCHDOG, "sell", sell(&pool, &[(2, 1)])).await;
    assert!(
        matches!(sold, Err(SaleError::Unavailable { product: 2, .. })),
        "the kettle is sold out: {sold:?}"
    );
    assert_eq!(
        stock(&pool).await,
        [("kettle".into(), 0), ("lamp".into(), 5)]
    );
}

#[tokio::test]
async fn an_empty_basket_sells_nothing() {
    let scratch = ScratchDb::new("empty_basket");
    let pool = shop(&scratch).await;
    within(WATCHDOG, "sell", sell(&pool, &[])).await.unwrap();
    assert_eq!(overview(&pool, 0).await.unwrap().units_sold, 0);
}

#[tokio::test]
async fn a_threshold_of_zero_lists_nothing_and_u32_max_everything() {
    let scratch = ScratchDb::new("thresholds");
    let pool = shop(&scratch).await;
    let none = within(WATCHDOG, "overview", overview(&pool, 0))
        .await
        .unwrap();
    assert_eq!(none.running_low, Vec::<String>::new(), "nothing is below 0");
    let all = within(WATCHDOG, "overview", overview(&pool, u32::MAX))
        .await
        .unwrap();
    assert_eq!(all.running_low, ["kettle", "lamp"]);
}
