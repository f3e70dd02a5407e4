//! The counters and the blocklist, used by many tasks at once, on the paused clock.

use std::sync::Arc;

use shared_state_example::blocklist::Blocklist;
use shared_state_example::stats::Stats;
use testkit::{Stopwatch, ms, within};
use tokio::task::JoinSet;
use tokio::time::sleep;

#[tokio::test(start_paused = true)]
async fn no_request_is_lost_among_many_tasks() {
    let stats = Arc::new(Stats::default());
    let mut tasks = JoinSet::new();
    for task in 0..100 {
        let stats = stats.clone();
        tasks.spawn(async move {
            for request in 0..10 {
                stats.record(if (task + request) % 2 == 0 {
                    "/"
                } else {
                    "/about"
                });
                sleep(ms(1)).await; // let the other tasks in between
            }
        });
    }
    tasks.join_all().await;
    assert_eq!(stats.total(), 1000);
    assert_eq!((stats.hits("/"), stats.hits("/about")), (500, 500));
}

#[tokio::test(start_paused = true)]
async fn wait_for_total_wakes_when_the_count_is_reached() {
    let stats = Arc::new(Stats::default());
    let recorder = stats.clone();
    tokio::spawn(async move {
        for _ in 0..5 {
            sleep(ms(10)).await;
            recorder.record("/");
        }
    });
    let watch = Stopwatch::start();
    within(ms(1000), "wait_for_total(3)", stats.wait_for_total(3)).await;
    watch.assert_elapsed(ms(30), "the third request is recorded at 30 ms");
    within(ms(1000), "wait_for_total(3) again", stats.wait_for_total(3)).await;
    watch.assert_elapsed(ms(30), "a count already reached returns at once");
}

#[tokio::test(start_paused = true)]
async fn wait_for_total_of_zero_returns_at_once_and_of_max_waits_on() {
    let stats = Stats::default();
    let watch = Stopwatch::start();
    within(ms(1000), "wait_for_total(0)", stats.wait_for_total(0)).await;
    watch.assert_elapsed(
        ms(0),
        "nothing to wait for: zero requests are always recorded",
    );

    stats.record("/");
    let never = tokio::time::timeout(ms(500), stats.wait_for_total(u64::MAX)).await;
    assert!(
        never.is_err(),
        "u64::MAX requests are never reached: it waits until cut off"
    );
    watch.assert_elapsed(ms(500), "it waited, without panicking, until the timeout");
}

#[test]
fn the_blocklist_is_shared() {
    let blocklist = Blocklist::default();
    assert!(!blocklist.is_blocked("10.0.0.66"));
    blocklist.block("10.0.0.66");
    assert!(blocklist.is_blocked("10.0.0.66"));
    assert!(!blocklist.is_blocked("10.0.0.1"));
}
