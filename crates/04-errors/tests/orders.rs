//! The worked example's own tests, on the paused clock.

use errors_example::{Outcome, WINDOW, load_order, load_orders, run_nightly_jobs};
use testkit::{Stopwatch, ms};

#[tokio::test(start_paused = true)]
async fn an_error_says_what_was_being_done() {
    let missing = load_order(7).await.unwrap_err();
    assert_eq!(missing.to_string(), "while loading order 7");
    insta::assert_snapshot!(format!("{missing:#}"), @"while loading order 7: no row with id 7");

    let malformed = load_order(9).await.unwrap_err();
    insta::assert_snapshot!(
        format!("{malformed:#}"),
        @r#"while loading order 9: total "12,50" is not a number of cents: invalid digit found in string"#
    );
    // The context wraps the original error; it is still there to inspect.
    assert!(
        malformed
            .downcast_ref::<std::num::ParseIntError>()
            .is_some()
    );
}

#[tokio::test(start_paused = true)]
async fn a_batch_keeps_every_outcome() {
    let watch = Stopwatch::start();
    let loaded = load_orders(&[1, 7, 2, 9]).await;
    watch.assert_elapsed(ms(450), "all four queries at once: the slowest is order 9");
    insta::assert_snapshot!(loaded, @r#"
    ok     order 1: 12.50
    ok     order 2: 8.99
    failed while loading order 7: no row with id 7
    failed while loading order 9: total "12,50" is not a number of cents: invalid digit found in string
    "#);
}

#[tokio::test(start_paused = true)]
async fn a_join_error_tells_a_panic_from_a_cancellation() {
    let watch = Stopwatch::start();
    let outcomes = run_nightly_jobs().await;
    watch.assert_elapsed(
        WINDOW,
        "the jobs get the window, then the slow one is aborted",
    );

    let rendered: Vec<String> = outcomes
        .iter()
        .map(|(job, outcome)| format!("{job}: {outcome}"))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"), @r"
    totals: finished: 2 orders, 2149 cents
    export: panicked: export needs at least one order
    archive: cancelled
    ");
    assert_eq!(outcomes[2].1, Outcome::Cancelled);
}
