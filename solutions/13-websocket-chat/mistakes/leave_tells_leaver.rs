//! Mistake: a departure is announced to everyone, the leaver included, before it is removed.
//! class: fixture — only a test that reads what the leaver was sent, before its outbox
//! closes, sees the extra line.
//!
//! `for m in members: m.send(f"* {name} left")`, then `del members[name]`: the Python
//! order of things. But the leaver is no longer in the room: its connection is closing,
//! and its client is sent news of its own departure, one more line on a socket that is
//! going away. Remove the member first, then tell those who remain.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Leave { name } if room.members.contains_key(&name) => {
                // Everyone hears it (an empty "sender" skips nobody), then it goes.
                room.tell_all_but("", &format!("* {name} left"));
                room.members.remove(&name);
            }
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
