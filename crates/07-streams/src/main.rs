//! `cargo run -p streams-example`: the thermometer stream, consumed for real.

use std::pin::pin;
use std::time::{Duration, Instant};

use futures::StreamExt;
use streams_example::{alerts, readings, send_alert};

const EVERY: Duration = Duration::from_millis(100);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("a stream is lazy, like a future:");
    let mut sensor = pin!(readings(EVERY));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    let first = sensor.next().await.expect("the sensor never ends");
    println!(
        "  after idling 500 ms, reading {} still took {} ms: nothing ran until next()",
        first.seq,
        ms(started.elapsed())
    );

    for at_once in [1, 2] {
        println!("\nthe first three alerts above 30 °C, {at_once} alert(s) in flight:");
        let started = Instant::now();
        let mut alerts = pin!(alerts(readings(EVERY), 30, at_once, send_alert).take(3));
        while let Some(alert) = alerts.next().await {
            println!("  {:>5} ms  {alert}", ms(started.elapsed()));
        }
    }
}

fn ms(elapsed: Duration) -> u128 {
    elapsed.as_millis()
}
