//! Mistake: a heartbeat wakes the hub every second to sweep closed outboxes.
//! class: fixture — the idle test kept the room quiet for 97 ms, less than one beat.
//!
//! Found by the round-11 attack, after `timed_sweep` (every 10 ms): the same sweep once a
//! second looks gentle, and passed every test then. It still wakes an idle room for
//! ever, 86 400 times a day, to find nothing, and a slower beat (a WebSocket ping's
//! 30 s) only spaces the wake-ups out. A dead connection needs no looking for: the next
//! line sent to it finds its outbox closed (or sweep when a command has come, as the
//! `eager_sweep` alternative does). The idle test now keeps the room quiet for a minute.

use std::time::Duration;

use tokio::sync::mpsc;

#[path = "common/timed_sweep.rs"]
mod timed_sweep;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    // "Once a second is nothing."
    timed_sweep::run_hub_sweeping(commands, Duration::from_secs(1)).await
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
