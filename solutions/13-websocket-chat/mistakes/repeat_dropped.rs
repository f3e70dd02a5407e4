//! Mistake: a line that repeats the sender's previous line is dropped (an anti-flood).
//! class: fixture — in the other tests nobody says the same text twice.
//!
//! "Saying it twice adds nothing." But "again", "again" is what the member typed, and
//! the room is a relay; a flood limit, if the server wants one, is a rate or a quota
//! in the connection task, not a silent filter in the hub.

use std::collections::HashMap;

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    let mut last: HashMap<String, String> = HashMap::new();
    relay::run_hub_behind(commands, move |command| match &command {
        Command::Say { name, text }
            if last.insert(name.clone(), text.clone()).as_ref() == Some(text) =>
        {
            None
        }
        _ => Some(command),
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
