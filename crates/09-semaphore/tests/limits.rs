//! The worked example's own tests, on the paused clock: every time below is virtual
//! and exact.

use std::sync::Arc;
use std::time::Duration;

use semaphore_example::{
    Cdn, Gateway, RateLimiter, download_spawned, download_streamed, notify_all,
};
use testkit::{Stopwatch, Trace, ms};
use tokio::time::{MissedTickBehavior, interval, sleep, timeout};

/// Take 500, 300, 200, 400 and 300 ms to download.
const PATHS: [&str; 5] = ["horse.png", "cat.png", "ox.png", "bird.png", "cow.png"];

fn traced_cdn(trace: &Trace) -> Arc<Cdn> {
    let trace = trace.clone();
    Arc::new(Cdn::new(move |event| trace.record(event)))
}

fn traced_gateway(trace: &Trace) -> Arc<Gateway> {
    let trace = trace.clone();
    Arc::new(Gateway::new(move |event| trace.record(event)))
}

// ANCHOR: spawned_test
#[tokio::test(start_paused = true)]
async fn spawned_downloads_keep_two_connections_busy() {
    let trace = Trace::new();
    let cdn = traced_cdn(&trace);
    let watch = Stopwatch::start();
    let paths = PATHS.map(str::to_owned).to_vec();
    let images = download_spawned(Arc::clone(&cdn), paths, 2).await;

    assert_eq!(images.len(), 5);
    assert_eq!(cdn.most_open(), 2, "never more than two connections");
    // Each `get` starts the moment a `done` frees a slot: no waiting for pairs.
    watch.assert_elapsed(ms(900), "two slots, kept busy: 500 + 400 in one of them");
    insta::assert_snapshot!(trace, @r"
         0ms  get cat.png
         0ms  get horse.png
       300ms  done cat.png
       300ms  get ox.png
       500ms  done horse.png
       500ms  done ox.png
       500ms  get bird.png
       500ms  get cow.png
       800ms  done cow.png
       900ms  done bird.png
    ");
}
// ANCHOR_END: spawned_test

#[tokio::test(start_paused = true)]
async fn buffer_unordered_gives_the_same_schedule_without_tasks() {
    let trace = Trace::new();
    let cdn = traced_cdn(&trace);
    let watch = Stopwatch::start();
    let images = download_streamed(&cdn, &PATHS, 2).await;

    assert_eq!(cdn.most_open(), 2);
    watch.assert_elapsed(ms(900), "the same two busy slots");
    let order: Vec<_> = images.iter().map(|image| image.path.as_str()).collect();
    // Completion order, not input order. (horse.png and ox.png both finish at 500 ms;
    // timers due at one instant fire in any order, so only the first is certain.)
    assert_eq!(order[0], "cat.png", "cat.png (300 ms) finishes first");
    insta::assert_snapshot!(trace, @r"
         0ms  get cat.png
         0ms  get horse.png
       300ms  done cat.png
       300ms  get ox.png
       500ms  done horse.png
       500ms  done ox.png
       500ms  get bird.png
       500ms  get cow.png
       800ms  done cow.png
       900ms  done bird.png
    ");
}

#[tokio::test(start_paused = true)]
async fn cancelling_the_batch_closes_every_connection() {
    let trace = Trace::new();
    let cdn = traced_cdn(&trace);
    let paths = PATHS.map(str::to_owned).to_vec();
    let cut_short = timeout(ms(350), download_spawned(Arc::clone(&cdn), paths, 2)).await;

    assert!(cut_short.is_err(), "the batch takes 900 ms");
    // Dropping the batch drops its `JoinSet`, which aborts the tasks; each aborted
    // task drops its download (closing the connection) and its permit.
    sleep(ms(1)).await;
    assert_eq!(cdn.open(), 0, "no download left running");
}

// ANCHOR: notify_test
#[tokio::test(start_paused = true)]
async fn texts_start_one_per_tick_and_overlap() {
    let trace = Trace::new();
    let limiter = RateLimiter::every(ms(200));
    notify_all(traced_gateway(&trace), &limiter, &["ada", "bo", "cy", "di"]).await;
    insta::assert_snapshot!(trace, @r"
         0ms  send ada
       200ms  send bo
       300ms  sent ada
       400ms  send cy
       500ms  sent bo
       600ms  send di
       700ms  sent cy
       900ms  sent di
    ");
}
// ANCHOR_END: notify_test

#[tokio::test(start_paused = true)]
async fn one_limiter_paces_two_batches_together() {
    let trace = Trace::new();
    let gateway = traced_gateway(&trace);
    let limiter = RateLimiter::every(ms(200));
    tokio::join!(
        notify_all(Arc::clone(&gateway), &limiter, &["ada", "bo"]),
        notify_all(Arc::clone(&gateway), &limiter, &["cy", "di"]),
    );
    let starts: Vec<_> = trace
        .events()
        .into_iter()
        .filter(|(_, event)| event.starts_with("send"))
        .map(|(at, _)| at)
        .collect();
    assert_eq!(
        starts,
        [ms(0), ms(200), ms(400), ms(600)],
        "one shared pace"
    );
}

#[tokio::test(start_paused = true)]
async fn after_a_quiet_spell_the_limiter_does_not_flood() {
    let trace = Trace::new();
    let gateway = traced_gateway(&trace);
    let limiter = RateLimiter::every(ms(200));
    notify_all(Arc::clone(&gateway), &limiter, &["ada"]).await;
    sleep(ms(1000)).await; // nobody sends for a second
    notify_all(gateway, &limiter, &["bo", "cy", "di"]).await;
    insta::assert_snapshot!(trace, @r"
         0ms  send ada
       300ms  sent ada
      1300ms  send bo
      1500ms  send cy
      1600ms  sent bo
      1700ms  send di
      1800ms  sent cy
      2000ms  sent di
    ");
}

/// Why the limiter sets `MissedTickBehavior::Delay`: the default catches up.
#[tokio::test(start_paused = true)]
async fn a_plain_interval_bursts_after_a_quiet_spell() {
    let start = Stopwatch::start();
    let mut bursty = interval(ms(200));
    let mut steady = interval(ms(200));
    steady.set_missed_tick_behavior(MissedTickBehavior::Delay);
    sleep(ms(1000)).await;

    let mut bursty_ticks = Vec::new();
    let mut steady_ticks = Vec::new();
    for _ in 0..4 {
        bursty.tick().await;
        bursty_ticks.push(start.elapsed());
    }
    let start_steady = Stopwatch::start();
    for _ in 0..4 {
        steady.tick().await;
        steady_ticks.push(start_steady.elapsed());
    }
    assert_eq!(
        bursty_ticks,
        [ms(1000); 4],
        "Burst: four missed ticks at once"
    );
    assert_eq!(
        steady_ticks,
        [ms(0), ms(200), ms(400), ms(600)],
        "Delay: spaced again"
    );
}

// Arguments that make no sense fail at once, saying which; absurdly large ones work.

#[tokio::test(start_paused = true)]
#[should_panic(expected = "download_spawned: `limit` must be at least 1")]
async fn a_limit_of_zero_is_refused_by_the_spawned_version() {
    let cdn = traced_cdn(&Trace::new());
    download_spawned(cdn, PATHS.map(str::to_owned).to_vec(), 0).await;
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "download_streamed: `limit` must be at least 1")]
async fn a_limit_of_zero_is_refused_by_the_streamed_version() {
    let cdn = traced_cdn(&Trace::new());
    download_streamed(&cdn, &PATHS, 0).await;
}

#[tokio::test(start_paused = true)]
async fn a_limit_of_usize_max_downloads_everything_at_once() {
    let cdn = traced_cdn(&Trace::new());
    let watch = Stopwatch::start();
    let paths = PATHS.map(str::to_owned).to_vec();
    let images = download_spawned(Arc::clone(&cdn), paths, usize::MAX).await;
    assert_eq!((images.len(), cdn.most_open()), (5, 5));
    watch.assert_elapsed(ms(500), "all five at once: as long as horse.png");

    let cdn = traced_cdn(&Trace::new());
    let watch = Stopwatch::start();
    let images = download_streamed(&cdn, &PATHS, usize::MAX).await;
    assert_eq!((images.len(), cdn.most_open()), (5, 5));
    watch.assert_elapsed(ms(500), "all five at once: as long as horse.png");
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "RateLimiter::every: the period must be longer than zero")]
async fn a_zero_period_is_refused() {
    RateLimiter::every(Duration::ZERO).ready().await;
}

#[tokio::test(start_paused = true)]
async fn a_limiter_of_duration_max_lets_one_caller_through() {
    let limiter = RateLimiter::every(Duration::MAX);
    let watch = Stopwatch::start();
    limiter.ready().await;
    watch.assert_elapsed(ms(0), "the first tick is immediate");
    let second = timeout(Duration::from_secs(3600), limiter.ready()).await;
    assert!(second.is_err(), "the next tick is beyond any horizon");
}
