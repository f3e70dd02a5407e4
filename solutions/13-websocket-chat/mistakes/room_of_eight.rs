//! Mistake: the room holds at most 8 members; a ninth `Join` is turned away.
//! class: fixture — a hidden cap above every other test's room.
//!
//! Found by the round-9 attack. "A chat room needs a limit." `run_hub` takes none: a
//! limit that the signature does not give is one nobody asked for, and here the ninth
//! client's outbox is dropped without a word, its connection ended. A server that
//! wants a limit says so in its arguments, and answers the refused client.

use tokio::sync::mpsc;

#[path = "common/capped_room.rs"]
mod capped_room;

// ANCHOR: mistake
/// "Room enough for anybody."
const MAX_MEMBERS: usize = 8;

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
