//! What chapter 09 says about timer resolution, checked.

use std::time::Duration;

use tokio::time::{Instant, sleep_until};

// ANCHOR: rounding
#[tokio::test(start_paused = true)]
async fn tokio_rounds_every_deadline_up_to_the_next_millisecond() {
    let start = Instant::now();
    let period = Duration::from_secs(1) / 3; // 333,333,333 ns: rounded *down*
    let mut starts = Vec::new();
    for i in 0..4 {
        sleep_until(start + period * i).await;
        starts.push(start.elapsed());
    }
    let ms = Duration::from_millis;
    // ...but the timer wheel counts whole milliseconds, rounding each deadline *up*.
    assert_eq!(starts, [ms(0), ms(334), ms(667), ms(1000)]);
}
// ANCHOR_END: rounding
