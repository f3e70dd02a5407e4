//! `cargo run -p database-example -- --keep FILE` leaves the shop's database behind,
//! complete, for the `sqlite3` CLI; without `--keep` nothing is left.

use std::process::Command;

use sqlx::Row;
use sqlx::sqlite::SqlitePoolOptions;

fn example() -> Command {
    Command::new(env!("CARGO_BIN_EXE_database-example"))
}

#[tokio::test]
async fn keep_leaves_a_complete_database_behind() {
    let dir = std::env::temp_dir().join(format!("database-keep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("shop.db");
    let _ = std::fs::remove_file(&file);

    let run = example().arg("--keep").arg(&file).output().unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        said.contains("sqlite3 "),
        "it says how to open the file: {said}"
    );

    let pool = SqlitePoolOptions::new()
        .connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    // What `sqlite3 shop.db 'SELECT id, name, stock FROM products;'` prints (its list
    // mode, `|` between columns); the chapter shows this file.
    let rows: String = sqlx::query("SELECT id, name, stock FROM products ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let (id, name, stock): (i64, String, i64) =
                (row.get("id"), row.get("name"), row.get("stock"));
            format!("{id}|{name}|{stock}\n")
        })
        .collect();
    assert_eq!(rows, include_str!("kept-products.txt"));
    pool.close().await;

    let again = example().arg("--keep").arg(&file).output().unwrap();
    assert!(
        !again.status.success(),
        "an existing file is refused, not mixed into"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    std::fs::remove_dir_all(&dir).unwrap();
}
