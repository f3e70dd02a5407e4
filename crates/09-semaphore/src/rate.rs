//! At most so many sends per second, however many tasks send.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio::time::{Interval, MissedTickBehavior, interval};

use crate::Gateway;

// ANCHOR: limiter
/// Lets one caller through every `period`: `every(ms(200))` is five a second.
pub struct RateLimiter {
    // A tokio mutex, because the lock is held across `tick().await`: callers queue on
    // it in order (it is fair) and each gets the next tick.
    ticks: Mutex<Interval>,
}

impl RateLimiter {
    /// A zero period would be no limit at all (and `interval` refuses it): it panics at
    /// once, saying so. A huge one (`Duration::MAX`) lets the first caller through and,
    /// in effect, nobody after.
    pub fn every(period: Duration) -> Self {
        assert!(
            !period.is_zero(),
            "RateLimiter::every: the period must be longer than zero"
        );
        let mut ticks = interval(period);
        // After a quiet spell `interval` would, by default (`Burst`), hand out every
        // tick it missed at once: a flood. `Delay` starts the spacing again from now.
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Self {
            ticks: Mutex::new(ticks),
        }
    }

    /// Waits for this caller's turn. The first tick is immediate.
    pub async fn ready(&self) {
        self.ticks.lock().await.tick().await;
    }
}
// ANCHOR_END: limiter

// ANCHOR: notify
/// Texts every recipient, one send per tick of `limiter`. The pace applies to the
/// *starts*: each send runs in its own task, so a slow send doesn't hold up the next.
pub async fn notify_all(gateway: Arc<Gateway>, limiter: &RateLimiter, recipients: &[&str]) {
    let mut sends = JoinSet::new();
    for &to in recipients {
        limiter.ready().await;
        let (gateway, to) = (Arc::clone(&gateway), to.to_owned());
        sends.spawn(async move { gateway.send(&to).await });
    }
    sends.join_all().await;
}
// ANCHOR_END: notify
