//! Mistake: `Leave` finds its member ignoring case, so "bob" leaving removes "Bob".
//! class: fixture — no test had two names equal but for case when one of them left.
//!
//! Found by the round-10 attack (`eq_ignore_ascii_case`, "the way a user types it").
//! A name is the room's key, kept exactly as given: "alice" and "Alice" are two members
//! (`lowercase_names` folds them at the `Join`; this only at the `Leave`), and one
//! leaving must not end the other's connection. `members.remove(&name)` finds exactly
//! that name.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Leave { name } => {
                let found = room.members.keys().find(|k| k.eq_ignore_ascii_case(&name));
                if let Some(found) = found.cloned() {
                    room.remove(&found);
                }
            }
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
