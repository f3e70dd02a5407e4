//! Mistake: a `Join` with the empty name is turned away.
//! class: boundary — no other test joins the name `""`.
//!
//! Found by the round-9 attack. "Nobody is called nothing." But a name is kept exactly
//! as given, the empty one too: the hub does not decide which names are good (the
//! connection task may, before it sends `Join`). Here the newcomer's outbox is dropped
//! and its connection ends, for a rule the room does not have.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Join { name, .. } if name.is_empty() => {} // "no name, no entry"
            // ANCHOR_END: mistake
            other => room.handle(other),
        }
    }
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
