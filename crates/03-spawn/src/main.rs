//! `cargo run -p spawn-example`: the search fanned out to three shards, for real.

use std::time::{Duration, Instant};

use spawn_example::{Index, first_hits, log_in_background, search_all, search_page};

#[tokio::main]
async fn main() {
    let index = Index::demo();

    println!("search_all(\"spawn\"): answers as they arrive");
    let started = Instant::now();
    let mut searches = search_all(&index, "spawn");
    println!(
        "  {:>4} ms  all three searches started",
        ms(started.elapsed())
    );
    while let Some(joined) = searches.join_next().await {
        let hits = joined.expect("a shard search panicked");
        let at = ms(started.elapsed());
        println!("  {at:>4} ms  {}: {:?}", hits.shard, hits.docs);
    }

    println!("\nsearch_page(\"spwan\"): the spell check ran beside the searches");
    let started = Instant::now();
    let page = search_page(&index, "spwan").await;
    println!("  took {} ms\n{page}", ms(started.elapsed()));

    let started = Instant::now();
    let docs = first_hits(&index, "spawn", 1).await;
    let at = ms(started.elapsed());
    println!("first_hits(\"spawn\", 1) after {at} ms, the rest aborted: {docs:?}");

    log_in_background(&index, "spawn");
    println!(
        "\nlog_in_background returned; logged so far: {:?}",
        index.logged()
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    println!(
        "600 ms later, the detached task is done: {:?}",
        index.logged()
    );
}

fn ms(elapsed: Duration) -> u128 {
    elapsed.as_millis()
}
