//! The worked example's own tests, on the paused clock.

use join_example::{fetch_quotes, load_dashboard, load_dashboard_sequentially};
use testkit::{Stopwatch, ms};

#[tokio::test(start_paused = true)]
async fn concurrent_takes_the_slowest_request() {
    let watch = Stopwatch::start();
    let dashboard = load_dashboard("ferris", &["RUST", "TOKIO"]).await.unwrap();
    watch.assert_elapsed(ms(300), "join! waits for the slowest of 300, 200, 250 ms");
    insta::assert_snapshot!(dashboard, @r"
    ferris (admin): 6 unread
      RUST     42.00
      TOKIO     7.50
    ");
}

#[tokio::test(start_paused = true)]
async fn sequential_takes_the_sum() {
    let watch = Stopwatch::start();
    load_dashboard_sequentially("ferris", &["RUST", "TOKIO"])
        .await
        .unwrap();
    watch.assert_elapsed(ms(300 + 200 + 250 + 250), "each await waits for the last");
}

#[tokio::test(start_paused = true)]
async fn a_bad_symbol_fails_the_batch() {
    let watch = Stopwatch::start();
    let error = fetch_quotes(&["RUST", "NOPE", "TOKIO"]).await.unwrap_err();
    assert_eq!(error, "no quote for NOPE");
    watch.assert_elapsed(
        ms(250),
        "the requests ran at once; the error ended the batch",
    );
}
