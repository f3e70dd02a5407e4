//! Mistake: a long text is cut to 512 characters, "to protect the room".
//! class: fixture — a hidden cap above every other test's text.
//!
//! Found by the round-9 attack. `run_hub` takes no limit: whether a line is too long is
//! the connection task's choice (it reads the socket), and a hub that cuts lines
//! behind the members' backs sends what nobody said.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Say { name, text } => Some(Command::Say {
            name,
            text: text.chars().take(512).collect(),
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
