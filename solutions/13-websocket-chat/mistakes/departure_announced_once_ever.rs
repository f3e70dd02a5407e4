//! Mistake: a name's departure is announced the first time only, ever.
//! class: path — no other test has a name leave twice.
//!
//! Found by the round-9 attack. To make sure "each member leaves once, and is announced
//! once", the hub keeps a set of the names it has announced, and never clears it. So a
//! member who left, came back and leaves again goes in silence: the others believe him
//! still there. Once is per membership, not per name: `members.remove(&name)`
//! returning `Some` is all the check it needs.

use std::collections::HashSet;

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    // ANCHOR: mistake
    let mut announced = HashSet::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Leave { name } if !announced.insert(name.clone()) => {
                room.members.remove(&name); // "already announced once"
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
