//! Mistake: the hub looks for a command with `try_recv`, and yields when there is none.
//! class: fixture — no test left the hub idle while something else waited.
//!
//! Found by the round-6 attack. "Never wait" is the rule for the outboxes, and this hub
//! applies it to its own commands too: `try_recv` never waits, and `yield_now` lets the
//! connection tasks run before it looks again. Every line arrives, every test that
//! keeps the hub busy passes. But an idle room now keeps a core at 100 %, polling an
//! empty channel, and on tokio's paused clock a task that is always ready stops time
//! for everyone (a failing test's timeout would never fire: the suite hangs). The hub
//! may wait for its own commands: `commands.recv().await` sleeps until one comes.

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    loop {
        match commands.try_recv() {
            Ok(command) => room.handle(command),
            // Nothing yet: let the connections run, then look again.
            Err(TryRecvError::Empty) => tokio::task::yield_now().await,
            Err(TryRecvError::Disconnected) => return,
        }
    }
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
