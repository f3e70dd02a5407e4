//! Mistake: the room holds at most 64 members; a 65th `Join` is turned away.
//! class: fixture — a hidden cap above every other test's room.
//!
//! Found by the round-10 attack, after `room_of_eight`: 64 passed every test then, whose
//! biggest room had 40 members. A round number is no better than 8: `run_hub` takes no
//! limit, and here the 65th client's outbox is dropped without a word, its connection
//! ended. A server that wants a limit says so in its arguments, and answers the refused
//! client.

use tokio::sync::mpsc;

#[path = "common/capped_room.rs"]
mod capped_room;

// ANCHOR: mistake
/// "Nobody has 64 friends online at once."
const MAX_MEMBERS: usize = 64;

pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    capped_room::run_hub(MAX_MEMBERS, commands).await
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
