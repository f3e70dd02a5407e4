//! Mistake: members are never removed; a `Leave` is announced, and that is all.
//! class: other-side — only the connections see it: their outboxes are never dropped.
//!
//! The thinking: "when a client disconnects, its connection task ends, so there is
//! nothing left to clean up." But the hub still holds the member's outbox `Sender`.
//! The map grows with every client that ever connected; `Who` lists people long gone;
//! each line is still offered to every dead outbox; and because the outbox is never
//! dropped, a connection task waiting on it for lines never sees its channel end, so
//! it (and its socket) lives on. Ignoring `try_send`'s errors hides it all: a full
//! outbox (a slow member) and a closed one (a dead member) are both just skipped.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &room.members;
        // ANCHOR: mistake
        match command {
            Command::Say { name, text } if members.contains_key(&name) => {
                tell_all_but(members, &name, format!("{name}: {text}"));
            }
            // Its connection task is ending anyway: just let the others know.
            Command::Leave { name } if members.contains_key(&name) => {
                tell_all_but(members, &name, format!("* {name} left"));
            }
            Command::Join { name, outbox } => {
                tell_all_but(members, &name, format!("* {name} joined"));
                room.members.insert(name, outbox);
            }
            other => room.handle(other),
        }
        // ANCHOR_END: mistake
    }
}

fn tell_all_but(members: &BTreeMap<String, mpsc::Sender<String>>, sender: &str, line: String) {
    for (name, outbox) in members {
        if name != sender {
            // Full or closed: either way, nothing to deliver to. Skip it.
            let _ = outbox.try_send(line.clone());
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
