//! Mistake: names are lowercased, so "Alice" and "alice" are one member.
//! class: fixture — every other test's names are already lowercase.
//!
//! "Names should not depend on the shift key." But the name is the client's choice and
//! the room's key: folding case silently merges two people, and one of them hears the
//! other's join as a clash. Keep each name exactly as given.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| {
        Some(match command {
            Command::Join { name, outbox } => Command::Join {
                name: name.to_lowercase(),
                outbox,
            },
            Command::Say { name, text } => Command::Say {
                name: name.to_lowercase(),
                text,
            },
            Command::Leave { name } => Command::Leave {
                name: name.to_lowercase(),
            },
            who => who,
        })
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
