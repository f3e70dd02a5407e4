//! Mistake: every text is trimmed before it is passed on, as Python's `strip()` would.
//! class: fixture — no other test's text has a space at either end.
//!
//! "Nobody wants to see stray spaces." But the hub is a relay: the text is the
//! member's, an indented line or a lone space included. Cleaning a line is a policy for
//! the connection task, not something the room does behind the members' backs.

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let (cleaned, room) = mpsc::channel(1);
    let forward = async move {
        while let Some(command) = commands.recv().await {
            let command = match command {
                Command::Say { name, text } => Command::Say {
                    name,
                    text: text.trim().to_owned(),
                },
                other => other,
            };
            if cleaned.send(command).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(forward, reference::run_hub(room));
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
