//! Mistake: the names of those who left are kept, and turned away when they come back.
//! class: path — no other test joins a name a second time after it has left.
//!
//! Rule 8 says a `Say` or `Leave` from a name that has left changes nothing, so the
//! hub keeps a set of departed names to check. But that set also turns away a client
//! who reconnects under its own name, for as long as the room lives. Membership alone
//! answers rule 8: a name that is not in the map is not a member, and once it leaves
//! it is free again.

use std::collections::HashSet;

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    // ANCHOR: mistake
    let mut departed = HashSet::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, .. } if departed.contains(&name) => {} // "has left"
            Command::Leave { name } if room.members.contains_key(&name) => {
                departed.insert(name.clone());
                room.handle(Command::Leave { name });
            }
            other => room.handle(other),
        }
    }
    // ANCHOR_END: mistake
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
