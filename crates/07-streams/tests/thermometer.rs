//! The worked example's own tests, on the paused clock.

use std::pin::pin;

use futures::StreamExt;
use streams_example::{HOTTEST, Reading, alerts, first_alerts, readings, send_alert};
use testkit::{Stopwatch, Trace, ms};

#[tokio::test(start_paused = true)]
async fn a_stream_does_nothing_until_polled() {
    let mut sensor = pin!(readings(ms(100)));
    tokio::time::sleep(ms(1000)).await;

    let watch = Stopwatch::start();
    let first = sensor.next().await;
    watch.assert_elapsed(ms(100), "the first reading starts when next() asks for it");
    assert_eq!(
        first,
        Some(Reading {
            seq: 0,
            celsius: 22
        })
    );
}

#[tokio::test(start_paused = true)]
async fn take_ends_an_endless_stream() {
    let seqs: Vec<u32> = readings(ms(100)).map(|r| r.seq).take(4).collect().await;
    assert_eq!(seqs, [0, 1, 2, 3]);
}

// ANCHOR: timeline
/// The whole timeline with two alerts in flight: reading, sending and receiving overlap,
/// and the alerts still come out in the order of the readings.
#[tokio::test(start_paused = true)]
async fn buffered_overlaps_alerts_and_keeps_their_order() {
    let trace = Trace::new();
    let sensor = readings(ms(100)).inspect(|r| trace.record(format!("read {} °C", r.celsius)));
    let notify = |reading: Reading| {
        let trace = trace.clone();
        async move {
            trace.record(format!("send #{}", reading.seq));
            let alert = send_alert(reading).await;
            trace.record(format!("sent #{}", reading.seq));
            alert
        }
    };
    let mut alerts = pin!(alerts(sensor, 30, 2, notify).take(3));
    while let Some(alert) = alerts.next().await {
        trace.record(format!("got  {alert}"));
    }
    insta::assert_snapshot!(trace, @r"
       100ms  read 22 °C
       200ms  read 31 °C
       200ms  send #1
       300ms  got  text: reading 1 is 31 °C
       300ms  read 35 °C
       300ms  send #2
       300ms  sent #1
       400ms  read 24 °C
       500ms  read 33 °C
       500ms  send #4
       600ms  got  call: reading 2 is 35 °C
       600ms  got  text: reading 4 is 33 °C
       600ms  sent #2
       600ms  sent #4
    ");
}
// ANCHOR_END: timeline

#[tokio::test(start_paused = true)]
async fn one_in_flight_is_one_after_another() {
    let watch = Stopwatch::start();
    let sent: Vec<String> = alerts(readings(ms(100)), 30, 1, send_alert)
        .take(3)
        .collect()
        .await;
    watch.assert_elapsed(
        ms(1000),
        "buffered(1): the sensor waits while each alert is sent",
    );
    insta::assert_debug_snapshot!(sent, @r#"
    [
        "text: reading 1 is 31 °C",
        "call: reading 2 is 35 °C",
        "text: reading 4 is 33 °C",
    ]
    "#);
}

#[tokio::test(start_paused = true)]
async fn two_in_flight_overlap() {
    let watch = Stopwatch::start();
    let sent = first_alerts(ms(100), 30, 3).await;
    watch.assert_elapsed(ms(600), "buffered(2): reading 4 is read while #2 is sent");
    assert_eq!(sent.len(), 3);
    assert!(
        sent[1].starts_with("call: reading 2"),
        "order kept: {sent:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn readings_every_zero_come_as_fast_as_asked() {
    let seqs: Vec<u32> = readings(ms(0)).map(|r| r.seq).take(3).collect().await;
    assert_eq!(seqs, [0, 1, 2]);
}

#[tokio::test(start_paused = true)]
async fn no_alerts_asked_for_is_none_at_once() {
    let watch = Stopwatch::start();
    assert!(first_alerts(ms(100), 30, 0).await.is_empty());
    watch.assert_elapsed(ms(0), "nothing to wait for");
}

#[test]
#[should_panic(expected = "alerts: at_once = 0 would never send an alert")]
fn zero_alerts_in_flight_fails_at_once_and_says_why() {
    let _never = alerts(readings(ms(100)), 30, 0, send_alert);
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "so the first 1 alerts would never come")]
async fn a_limit_no_reading_reaches_fails_at_once_and_says_why() {
    first_alerts(ms(100), HOTTEST, 1).await;
}
