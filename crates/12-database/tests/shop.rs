//! The worked example against a real SQLite file, on the real clock (real I/O and the
//! paused clock do not mix). Nothing is timed; `within` only turns a hang into a
//! failure.

use std::time::Duration;

use database_example::{
    Overview, Product, SaleError, ScratchDb, add_product, open, overview, search, sell,
};
use sqlx::SqlitePool;
use testkit::within;
use tokio::task::JoinSet;

const WATCHDOG: Duration = Duration::from_secs(2);

/// A fresh shop: a lamp (5), a kettle (2) and a mug (40), ids 1, 2, 3.
async fn shop(scratch: &ScratchDb) -> SqlitePool {
    let pool = open(scratch.path())
        .await
        .expect("opening the scratch database");
    for (name, stock) in [("lamp", 5), ("kettle", 2), ("mug", 40)] {
        add_product(&pool, name, stock).await.unwrap();
    }
    pool
}

async fn stock(pool: &SqlitePool) -> Vec<(String, i64)> {
    let products = search(pool, "").await.unwrap();
    products.into_iter().map(|p| (p.name, p.stock)).collect()
}

#[tokio::test]
async fn the_schema_is_created_once_and_the_data_kept() {
    let scratch = ScratchDb::new("reopen");
    let pool = shop(&scratch).await;
    pool.close().await;

    // Opening again runs the CREATE TABLE IF NOT EXISTS statements again: a no-op.
    let pool = open(scratch.path()).await.unwrap();
    assert_eq!(
        stock(&pool).await,
        [("kettle".into(), 2), ("lamp".into(), 5), ("mug".into(), 40)]
    );
}

#[tokio::test]
async fn the_overview_answers_three_questions() {
    let scratch = ScratchDb::new("overview");
    let pool = shop(&scratch).await;
    within(WATCHDOG, "a sale", sell(&pool, &[(1, 2), (3, 1)]))
        .await
        .unwrap();

    let front = within(WATCHDOG, "overview", overview(&pool, 4)).await;
    let expected = Overview {
        products: 3,
        running_low: vec!["kettle".into(), "lamp".into()],
        units_sold: 3,
    };
    assert_eq!(front.unwrap(), expected);
}

#[tokio::test]
async fn concurrent_buyers_never_oversell() {
    let scratch = ScratchDb::new("oversell");
    let pool = shop(&scratch).await;

    let mut buyers = JoinSet::new();
    for _ in 0..20 {
        let pool = pool.clone();
        buyers.spawn(async move { sell(&pool, &[(1, 1)]).await });
    }
    let results = within(WATCHDOG, "20 buyers", buyers.join_all()).await;

    let sold = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| matches!(r, Err(SaleError::Unavailable { product: 1, .. })))
        .count();
    assert_eq!((sold, refused), (5, 15), "5 lamps in stock, 20 buyers");
    assert_eq!(stock(&pool).await[1], ("lamp".into(), 0));
    let front = overview(&pool, 0).await.unwrap();
    assert_eq!(front.units_sold, 5, "one sale row per lamp sold");
}

#[tokio::test]
async fn a_basket_that_cannot_be_filled_sells_nothing() {
    let scratch = ScratchDb::new("rollback");
    let pool = shop(&scratch).await;

    // The lamp and the mugs are taken first; the kettles fail; all of it rolls back.
    let basket = [(1, 1), (3, 10), (2, 3)];
    let sold = within(WATCHDOG, "a basket", sell(&pool, &basket)).await;
    assert!(
        matches!(
            sold,
            Err(SaleError::Unavailable {
                product: 2,
                wanted: 3
            })
        ),
        "{sold:?}"
    );
    assert_eq!(
        stock(&pool).await,
        [("kettle".into(), 2), ("lamp".into(), 5), ("mug".into(), 40)]
    );
    assert_eq!(overview(&pool, 0).await.unwrap().units_sold, 0);

    // An unknown product fails the same way, after the lamp line was taken.
    let sold = within(WATCHDOG, "a basket", sell(&pool, &[(1, 1), (99, 1)])).await;
    assert!(matches!(
        sold,
        Err(SaleError::Unavailable { product: 99, .. })
    ));
    assert_eq!(stock(&pool).await[1], ("lamp".into(), 5));
}

#[tokio::test]
async fn values_are_never_read_as_sql() {
    let scratch = ScratchDb::new("hostile");
    let pool = shop(&scratch).await;

    let name = "x'); DELETE FROM products; --";
    let id = within(WATCHDOG, "add_product", add_product(&pool, name, 1)).await;
    let id = id.unwrap();
    let found = search(&pool, "DELETE").await.unwrap();
    let stored = Product {
        id,
        name: name.into(),
        stock: 1,
    };
    assert_eq!(
        found,
        [stored],
        "stored as it was given, and nothing deleted"
    );
    assert_eq!(overview(&pool, 0).await.unwrap().products, 4);

    let leaked = search(&pool, "' OR '1'='1").await.unwrap();
    assert_eq!(leaked, [], "no product's name contains that text");
}
