//! Mistake: an empty line is dropped.
//! class: boundary — a value Python treats as false, used as real data.
//!
//! `if not text: continue` is a Python reflex, and `if text.is_empty() { continue }` is
//! its Rust twin. But the exercise relays every line as `"{name}: {text}"`, and an empty
//! message is a message: a client that sends "" to nudge the room, or a line of only
//! spaces trimmed away by the client, gets silently lost, and nobody can tell why.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Say { text, .. } if text.is_empty() => continue, // "nothing to say"
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
