//! Mistake: every text is trimmed before it is passed on, as Python's `strip()` would.
//! class: fixture — no other test's text has a space at either end.
//!
//! "Nobody wants to see stray spaces." But the hub is a relay: the text is the
//! member's, an indented line or a lone space included. Cleaning a line is a policy for
//! the connection task, not something the room does behind the members' backs.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Say { name, text } => Some(Command::Say {
            name,
            text: text.trim().to_owned(),
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
