//! Mistake: a name over 32 bytes is turned away.
//! class: fixture — every other test's name is short.
//!
//! Found by the round-10 attack. "A name that long is an attack." Perhaps, but
//! `run_hub` takes no limit, and the room has no rule for names (the empty one is a
//! name too): here the client's outbox is dropped without a word, its connection
//! ended. Which names are good is for the connection task to decide, before it sends
//! `Join`, where it can answer the client.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

/// "Room for any sensible nickname."
const MAX_NAME: usize = 32;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Join { name, .. } if name.len() > MAX_NAME => None,
        other => Some(other),
    })
    .await
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
