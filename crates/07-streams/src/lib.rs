//! Worked example 07: a thermometer as an async generator (a `Stream` built with
//! `futures::stream::unfold`), and a pipeline over it with `StreamExt`: keep the hot
//! readings, send an alert for each with at most two alerts in flight, stop after a few.
//!
//! Why `futures::stream` and not a macro crate: `unfold` is an ordinary function from
//! "state" to "the next item and the new state", so what the stream remembers between
//! items is written out, and it needs nothing beyond `futures`, which every async
//! project already has. `async-stream`'s `stream! { … yield x; … }` reads more like
//! Python's `async def … yield`, at the price of a macro and its error messages;
//! `tokio-stream` adapts tokio's own types (intervals, channels) into streams.

use std::future::{Future, ready};
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::time::sleep;

/// One measurement: its sequence number and the temperature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub seq: u32,
    pub celsius: i32,
}

/// What the simulated thermometer reads, in turn, forever.
const TEMPERATURES: [i32; 8] = [22, 31, 35, 24, 33, 38, 21, 36];

/// The hottest the simulated thermometer ever reads, in °C.
pub const HOTTEST: i32 = 38;

// ANCHOR: generator
/// An endless async generator: one reading every `every`, but only when asked.
///
/// `every` of zero reads as fast as the consumer asks (each reading still waits for a
/// turn of the timer); a huge one, up to `Duration::MAX`, just waits that long.
///
/// `unfold` keeps a state (here the next sequence number) and, each time the stream is
/// polled for an item, runs the async block with it: `Some((item, next_state))` yields
/// `item`, `None` would end the stream. Nobody polls, nothing is read.
pub fn readings(every: Duration) -> impl Stream<Item = Reading> {
    stream::unfold(0, move |seq| async move {
        sleep(every).await;
        let celsius = TEMPERATURES[seq as usize % TEMPERATURES.len()];
        Some((Reading { seq, celsius }, seq + 1))
    })
}
// ANCHOR_END: generator

// ANCHOR: pipeline
/// The hot readings' alerts (above `limit` °C), sent by `notify` with up to `at_once`
/// in flight, in the order of the readings.
///
/// `at_once` must be at least 1: `buffered(0)` would never start a single alert and
/// wait forever, so 0 panics at once, saying so. A huge `at_once` means no limit.
pub fn alerts<S, F, Fut>(
    readings: S,
    limit: i32,
    at_once: usize,
    notify: F,
) -> impl Stream<Item = Fut::Output>
where
    S: Stream<Item = Reading>,
    F: FnMut(Reading) -> Fut,
    Fut: Future,
{
    assert!(
        at_once > 0,
        "alerts: at_once = 0 would never send an alert (buffered(0) waits forever); \
         pass 1 to send them one at a time"
    );
    readings
        // `filter` wants a future (it could look something up); `ready` is an instant one.
        .filter(move |reading| ready(reading.celsius > limit))
        // One future per hot reading. `map` only creates it; nothing is sent yet.
        .map(notify)
        // Runs up to `at_once` of those futures at the same time and yields their
        // outputs in the order of the readings, like a bounded `gather` on a stream.
        .buffered(at_once)
}
// ANCHOR_END: pipeline

/// A stand-in for paging someone: a call takes longer than a text message.
pub async fn send_alert(reading: Reading) -> String {
    let (how, took) = if reading.celsius >= 35 {
        ("call", 300)
    } else {
        ("text", 100)
    };
    sleep(Duration::from_millis(took)).await;
    format!("{how}: reading {} is {} °C", reading.seq, reading.celsius)
}

// ANCHOR: consume
/// The first `count` alerts, consumed with `while let … next().await`.
///
/// `count` of 0 returns no alerts, at once. A `limit` of [`HOTTEST`] or more would wait
/// forever for an alert that never comes (the readings never end), so it panics at
/// once when `count` is more than 0.
pub async fn first_alerts(every: Duration, limit: i32, count: usize) -> Vec<String> {
    assert!(
        count == 0 || limit < HOTTEST,
        "first_alerts: no reading is ever above {limit} °C (the hottest is {HOTTEST} °C), \
         so the first {count} alerts would never come"
    );
    // Building the pipeline runs nothing; `take` ends it after `count` alerts, and
    // then the readings stop too, because nobody polls them any more.
    let alerts = alerts(readings(every), limit, 2, send_alert).take(count);
    // `next()` needs a stream it may move out of place; `pin!` fixes it on the stack.
    let mut alerts = std::pin::pin!(alerts);
    let mut sent = Vec::new();
    while let Some(alert) = alerts.next().await {
        sent.push(alert);
    }
    sent
}
// ANCHOR_END: consume
