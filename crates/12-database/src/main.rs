//! `cargo run -p database-example`: a shop's stock in a SQLite file, used by many tasks
//! at once through one pool. The file is a scratch file, removed at the end; with
//! `-- --keep shop.db` it is written there and kept, to open with the `sqlite3` CLI.

use std::path::PathBuf;
use std::time::Instant;

use database_example::{SaleError, ScratchDb, add_product, open, overview, search, sell};
use tokio::task::JoinSet;

/// Where the database goes: a scratch file (removed at the end), or a file to keep.
enum Place {
    Scratch(ScratchDb),
    Kept(PathBuf),
}

impl Place {
    fn from_args() -> Result<Self, String> {
        let mut args = std::env::args().skip(1);
        match (args.next().as_deref(), args.next(), args.next()) {
            (None, ..) => Ok(Place::Scratch(ScratchDb::new("main"))),
            (Some("--keep"), path, None) => {
                let path = PathBuf::from(path.unwrap_or_else(|| "shop.db".into()));
                if path.exists() {
                    return Err(format!(
                        "{} already exists: the example starts from an empty shop, so give \
                         it a path that does not exist yet (or remove that file)",
                        path.display()
                    ));
                }
                Ok(Place::Kept(path))
            }
            _ => Err("usage: database-example [--keep [FILE]]".into()),
        }
    }

    fn path(&self) -> &std::path::Path {
        match self {
            Place::Scratch(scratch) => scratch.path(),
            Place::Kept(path) => path,
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let place = Place::from_args()?;
    let pool = open(place.path()).await?;
    println!(
        "opened {} (a pool of up to 4 connections)",
        place.path().display()
    );

    let lamp = add_product(&pool, "desk lamp", 5).await?;
    let kettle = add_product(&pool, "kettle", 2).await?;
    let mug = add_product(&pool, "mug", 40).await?;
    add_product(&pool, "teapot", 1).await?;

    let started = Instant::now();
    let front = overview(&pool, 3).await?;
    println!(
        "\noverview, three queries at once: {} products, running low: {:?}, {} sold ({} µs)",
        front.products,
        front.running_low,
        front.units_sold,
        started.elapsed().as_micros()
    );

    println!("\n12 customers each buy a desk lamp at the same moment; 5 are in stock:");
    let mut buyers = JoinSet::new();
    for _ in 0..12 {
        let pool = pool.clone(); // a handle to the same pool, not a new one
        buyers.spawn(async move { sell(&pool, &[(lamp, 1)]).await });
    }
    let results = buyers.join_all().await;
    let sold = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| matches!(r, Err(SaleError::Unavailable { .. })))
        .count();
    let lamps = &search(&pool, "lamp").await?[0];
    println!("  {sold} sold, {refused} refused, {} left", lamps.stock);

    println!("\na basket of 2 mugs and 3 kettles (only 2 kettles left):");
    match sell(&pool, &[(mug, 2), (kettle, 3)]).await {
        Ok(()) => println!("  sold?!"),
        Err(error) => println!("  refused: {error}"),
    }
    let mugs = &search(&pool, "mug").await?[0];
    println!(
        "  mugs in stock: {} (the 2 taken earlier in the same transaction were rolled back)",
        mugs.stock
    );

    println!("\nuser input is data, never SQL:");
    let hostile = "x'); DELETE FROM products; --";
    let id = add_product(&pool, hostile, 1).await?;
    println!("  added product {id} named {hostile:?}");
    let found = search(&pool, "' OR '1'='1").await?;
    println!(
        "  search for \"' OR '1'='1\" finds {} products",
        found.len()
    );
    let front = overview(&pool, 3).await?;
    println!(
        "  products now: {}, units sold: {}",
        front.products, front.units_sold
    );

    pool.close().await; // wait for every connection to finish and close
    match place {
        Place::Scratch(scratch) => {
            drop(scratch);
            println!("\nclosed the pool and removed the database file");
        }
        Place::Kept(path) => {
            println!(
                "\nclosed the pool; the database stays in {}",
                path.display()
            );
            println!(
                "look inside with the sqlite3 CLI:\n  sqlite3 {} 'SELECT id, name, stock FROM products;'",
                path.display()
            );
        }
    }
    Ok(())
}
