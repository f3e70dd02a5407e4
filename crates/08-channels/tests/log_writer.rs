//! The worked example's own tests, on the paused clock: durations are virtual and exact.

use std::sync::Arc;

use channels_example::{Closed, Events, Logger, ship_logs, spawn_writer};
use testkit::{Stopwatch, Trace, ms, within};

fn recorder(trace: &Trace) -> Events {
    let trace = trace.clone();
    Arc::new(move |event| trace.record(event))
}

/// The trace in the order things happened. Here that order is deterministic (one
/// timer fires at each instant: the disk's), and it is the point: who woke whom.
fn timeline(trace: &Trace) -> String {
    trace
        .events()
        .iter()
        .map(|(at, event)| format!("{:>4}ms  {event}\n", at.as_millis()))
        .collect()
}

// ANCHOR: trace
#[tokio::test(start_paused = true)]
async fn a_full_queue_makes_the_app_wait() {
    let trace = Trace::new();
    let written = ship_logs(5, 2, recorder(&trace)).await.unwrap();
    assert_eq!(written, 5);
    // Lines 1-3 go at once: two fill the queue, the writer takes line 1 off it, and
    // that frees the slot for line 3. Line 4 waits until the writer takes line 2.
    insta::assert_snapshot!(timeline(&trace), @r"
       0ms  app: line 1 queued
       0ms  app: line 2 queued
       0ms  app: line 3 queued
     100ms  disk: line 1
     100ms  app: line 4 queued
     200ms  disk: line 2
     200ms  app: line 5 queued
     300ms  disk: line 3
     400ms  disk: line 4
     500ms  disk: line 5
     500ms  app: flush says 5 lines are on disk
     500ms  writer: every logger dropped, stopping after 5 lines
    ");
}
// ANCHOR_END: trace

#[tokio::test(start_paused = true)]
async fn backpressure_slows_the_producer_not_the_work() {
    // A queue big enough for everything: the app never waits, the disk is as slow.
    let trace = Trace::new();
    let watch = Stopwatch::start();
    ship_logs(5, 8, recorder(&trace)).await.unwrap();
    watch.assert_elapsed(ms(500), "five lines at 100 ms each, either way");
    let queued: Vec<_> = trace
        .events()
        .into_iter()
        .filter(|(_, event)| event.ends_with("queued"))
        .map(|(at, _)| at)
        .collect();
    assert_eq!(
        queued,
        [ms(0); 5],
        "with room for all, every line goes at once"
    );
}

#[tokio::test(start_paused = true)]
async fn flush_replies_after_every_earlier_line() {
    let (logger, _writer) = spawn_writer(4, Arc::new(|_| {}));
    for n in 1..=3 {
        logger.log(format!("line {n}")).await.unwrap();
    }
    let watch = Stopwatch::start();
    let on_disk = within(ms(10_000), "flush", logger.flush()).await;
    assert_eq!(on_disk, Ok(3));
    watch.assert_elapsed(ms(300), "the reply waits for the three lines before it");
}

#[tokio::test(start_paused = true)]
async fn the_writer_stops_when_every_logger_is_dropped() {
    let (logger, writer) = spawn_writer(2, Arc::new(|_| {}));
    let producers: Vec<_> = ["api", "db"]
        .into_iter()
        .map(|name| {
            let logger: Logger = logger.clone();
            tokio::spawn(async move {
                for n in 1..=2 {
                    logger.log(format!("{name} {n}")).await?;
                }
                Ok::<_, Closed>(())
                // This task's clone is dropped here.
            })
        })
        .collect();
    drop(logger); // ours too: from now on the producers hold the only senders

    for producer in producers {
        producer.await.unwrap().unwrap();
    }
    let written = within(ms(10_000), "the writer", writer).await.unwrap();
    assert_eq!(
        written, 4,
        "every queued line is written before recv() says None"
    );
}

#[tokio::test(start_paused = true)]
async fn a_logger_kept_alive_keeps_the_writer_waiting() {
    let (logger, mut writer) = spawn_writer(2, Arc::new(|_| {}));
    logger.log("only line").await.unwrap();
    let forgotten = logger.clone();
    drop(logger);

    // An hour of virtual time: the line is long written, yet the writer waits on.
    let still_waiting = tokio::time::timeout(ms(3_600_000), &mut writer).await;
    assert!(still_waiting.is_err(), "a live Sender keeps recv() pending");

    drop(forgotten);
    let written = within(ms(1), "the writer", writer).await.unwrap();
    assert_eq!(written, 1);
}

#[tokio::test(start_paused = true)]
async fn logging_to_a_stopped_writer_fails() {
    let (logger, writer) = spawn_writer(2, Arc::new(|_| {}));
    writer.abort();
    assert!(writer.await.unwrap_err().is_cancelled());
    // The receiver went with the task: both kinds of request now fail at once.
    assert_eq!(logger.log("too late").await, Err(Closed));
    assert_eq!(logger.flush().await, Err(Closed));
}

#[tokio::test(start_paused = true)]
async fn no_lines_is_a_quick_flush() {
    let trace = Trace::new();
    let watch = Stopwatch::start();
    let written = ship_logs(0, 2, recorder(&trace)).await.unwrap();
    assert_eq!(written, 0, "nothing to log, nothing written");
    watch.assert_elapsed(ms(0), "with no line to write, the flush answers at once");
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "spawn_writer: `capacity` is 0, but must be 1 to")]
async fn a_queue_with_no_room_is_refused_at_once() {
    let _ = spawn_writer(0, Arc::new(|_| {}));
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "(tokio's largest channel)")]
async fn a_queue_larger_than_tokio_allows_is_refused_at_once() {
    let _ = spawn_writer(usize::MAX, Arc::new(|_| {}));
}

#[tokio::test(start_paused = true)]
async fn the_largest_queue_works() {
    let (logger, writer) = spawn_writer(tokio::sync::Semaphore::MAX_PERMITS, Arc::new(|_| {}));
    logger.log("one line").await.unwrap();
    drop(logger);
    let written = within(ms(10_000), "the writer", writer).await.unwrap();
    assert_eq!(written, 1);
}
