//! Mistake: the room holds at most 64 members; a 65th `Join` is turned away.
//! class: fixture — a hidden cap above every other test's room.
//!
//! Found by the round-10 attack, after `room_of_eight`: 64 passed every test then, whose
//! biggest room had 40 members. A round number is no better than 8: `run_hub` takes no
//! limit, and here the 65th client's outbox is dropped without a word, its connection
//! ended. A server that wants a limit says so in its arguments, and answers the refused
//! client.

use tokio::sync::mpsc;

/// "Nobody has 64 friends online at once."
const MAX_MEMBERS: usize = 64;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Join { name, .. }
                if room.members.len() >= MAX_MEMBERS && !room.members.contains_key(&name) => {}
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
