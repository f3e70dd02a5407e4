//! Mistake: a line break at the end of a text is cut off, as `line.rstrip("\\n")` would.
//! class: fixture — no other test's text ends in a line break.
//!
//! Found by the round-9 attack. "The newline is the line's end, not part of it": that is
//! true of a line read from a socket, and the connection task has already cut it. What
//! reaches the hub is the text, and the hub passes it on as it came, a `\\n` or `\\r` at
//! its end included.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Say { name, text } => Some(Command::Say {
            name,
            text: text.trim_end_matches(['\r', '\n']).to_owned(),
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
