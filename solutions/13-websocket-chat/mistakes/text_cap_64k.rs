//! Mistake: a text over 64 KiB is dropped, "too long for one frame".
//! class: fixture — a hidden cap above every other test's text.
//!
//! Found by the round-10 attack, after `truncated_text`: a cap of 65 536 bytes passed
//! every test then, whose longest text had 21 000 characters. `run_hub` takes no
//! limit: whether a line is too long is the connection task's choice (it reads the
//! socket, and knows its frame size), and a hub that drops lines behind the members'
//! backs loses what was said without telling anyone.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

/// "The largest WebSocket frame anyone sends."
const MAX_TEXT: usize = 64 * 1024;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Say { text, .. } if text.len() > MAX_TEXT => None,
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
