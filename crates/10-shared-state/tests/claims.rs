//! What the book says about `asyncio.Event` in Tokio's terms, checked: `watch` keeps the
//! state, so every waiter, now or later, goes through; `Notify` keeps at most one permit.

use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::time::timeout;

const A_WHILE: Duration = Duration::from_millis(10);

// ANCHOR: event
#[tokio::test(start_paused = true)]
async fn an_event_is_a_watch_not_a_notify() {
    // `watch` is a latch: once set, a waiter that comes later still goes through.
    let (event, is_set) = watch::channel(false);
    event.send_replace(true); // `event.set()`
    let mut late = is_set.clone();
    assert!(timeout(A_WHILE, late.wait_for(|set| *set)).await.is_ok());

    // `notify_waiters` wakes only who is waiting now; a later waiter waits on.
    let notify = Notify::new();
    notify.notify_waiters();
    assert!(timeout(A_WHILE, notify.notified()).await.is_err());

    // `notify_one` with nobody waiting stores one permit, however often it is called.
    notify.notify_one();
    notify.notify_one();
    assert!(timeout(A_WHILE, notify.notified()).await.is_ok());
    assert!(timeout(A_WHILE, notify.notified()).await.is_err());
}
// ANCHOR_END: event
