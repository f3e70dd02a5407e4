//! Mistake: the hub returns when its last member leaves.
//! class: path — every test that ends with members in the room passes; only a room
//! that empties and then goes on shows it.
//!
//! "Nobody left, nothing to do." But the room is the server's, not its members': the
//! next client to connect sends its `Join` to a hub that is gone, and every later
//! command fails. The hub's end is the end of its commands (`recv()` returning
//! `None`), and nothing else.

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let had_members = !room.members.is_empty();
        room.handle(command);
        if had_members && room.members.is_empty() {
            return; // "the room is empty: nothing left to do"
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
