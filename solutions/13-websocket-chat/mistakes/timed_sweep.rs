//! Mistake: a timer wakes the hub every 10 ms to sweep closed outboxes.
//! class: fixture — no other test counted how often an idle hub wakes.
//!
//! Found by the round-9 attack. `select!` between `commands.recv()` and an
//! `interval.tick()` that removes every member whose outbox `is_closed()`. Nothing is
//! lost and nothing waits, so every line still comes at once; but the hub looks again
//! and again: an idle room wakes it 100 times a second, for ever, to find nothing. A
//! dead connection needs no looking for: the next line sent to it finds it closed (or
//! sweep when a command has come, as the `eager_sweep` alternative does).

use std::time::Duration;

use tokio::sync::mpsc;

#[path = "common/timed_sweep.rs"]
mod timed_sweep;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    // "A dead connection should not linger": look 100 times a second.
    timed_sweep::run_hub_sweeping(commands, Duration::from_millis(10)).await
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
