//! Mistake: the hub looks for commands every 10 ms, and sleeps in between.
//! class: fixture — no test timed a command that came while the hub was idle.
//!
//! Found by the round-6 attack, as the fix for a hub that spins: a `sleep` between
//! `try_recv`s keeps a core free. But now every command waits for the next look, up to
//! 10 ms per line, per `Who`, and a busy room is only ever as fast as the timer. A
//! channel can wake its receiver: `commands.recv().await` sleeps until a command comes,
//! and not a moment longer.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    loop {
        match commands.try_recv() {
            Ok(command) => room.handle(command),
            // Nothing yet: look again in a moment, without keeping a core busy.
            Err(TryRecvError::Empty) => tokio::time::sleep(Duration::from_millis(10)).await,
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
