//! Mistake: a name is trimmed when it joins, as Python's `strip()` would.
//! class: fixture — no other test's name has a space at either end.
//!
//! Found by the round-9 attack. " bob" joins, and the room calls him "bob": his `Say`s
//! and his `Leave`, which carry the name he gave, then name nobody, and a real "bob"
//! would be taken over. A name is kept exactly as given; cleaning it is the connection
//! task's business, before it sends `Join`.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Join { name, outbox } => Some(Command::Join {
            name: name.trim().to_owned(),
            outbox,
        }),
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
