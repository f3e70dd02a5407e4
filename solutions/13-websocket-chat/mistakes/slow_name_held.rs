//! Mistake: the name of a member removed for being slow is held until its `Leave`.
//! class: path — the only one removed for a full outbox and then joining again.
//!
//! Found by the round-6 attack. The reasoning is careful: a member removed because its
//! outbox was full still has a live connection task (only a slow one), which will send
//! its `Leave` when it notices; until then the hub keeps the name, refuses a `Join` of
//! it, and lets that `Leave` release it. But the exercise frees a name however it left:
//! the client that reconnects (a new connection, a new outbox) is turned away for as long
//! as the old task takes, or for ever if it never sends `Leave`. Membership is the map
//! alone: a name that is not in it may join.

use std::collections::HashSet;

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    // ANCHOR: mistake
    let mut held = HashSet::new(); // removed for being slow, until their `Leave` comes
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, .. } if held.contains(&name) => {} // still connected
            Command::Leave { name } if held.remove(&name) => {}
            other => {
                // Who is full now will be removed for being slow by this command.
                let full: Vec<String> = room
                    .members
                    .iter()
                    .filter(|(_, outbox)| outbox.capacity() == 0 && !outbox.is_closed())
                    .map(|(name, _)| name.clone())
                    .collect();
                room.handle(other);
                held.extend(full.into_iter().filter(|n| !room.members.contains_key(n)));
            }
        }
    }
    // ANCHOR_END: mistake
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
