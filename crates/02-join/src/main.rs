//! `cargo run -p join-example`: the dashboard loaded both ways, timed for real.

use std::time::Instant;

use join_example::{load_dashboard, load_dashboard_sequentially};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let symbols = ["RUST", "TOKIO"];

    let started = Instant::now();
    let dashboard = load_dashboard_sequentially("ferris", &symbols).await?;
    println!("one after another: {:?}", started.elapsed());

    let started = Instant::now();
    let same = load_dashboard("ferris", &symbols).await?;
    println!("all at once:       {:?}", started.elapsed());
    assert_eq!(dashboard, same);
    print!("\n{same}");

    match load_dashboard("ferris", &["RUST", "NOPE"]).await {
        Ok(_) => println!("unexpected: NOPE has no quote"),
        Err(error) => println!("\nwith a bad symbol: {error}"),
    }
    Ok(())
}
