//! Mistake: members are never removed; a `Leave` is announced, and that is all.
//!
//! The thinking: "when a client disconnects, its connection task ends, so there is
//! nothing left to clean up." But the hub still holds the member's outbox `Sender`.
//! The map grows with every client that ever connected; `Who` lists people long gone;
//! each line is still offered to every dead outbox; and because the outbox is never
//! dropped, a connection task waiting on it for lines never sees its channel end, so
//! it (and its socket) lives on. Ignoring `try_send`'s errors hides it all: a full
//! outbox (a slow member) and a closed one (a dead member) are both just skipped.

use std::collections::BTreeMap;

use tokio::sync::{mpsc, oneshot};

#[derive(Debug)]
pub enum Command {
    Join {
        name: String,
        outbox: mpsc::Sender<String>,
    },
    Say {
        name: String,
        text: String,
    },
    Leave {
        name: String,
    },
    Who {
        reply: oneshot::Sender<Vec<String>>,
    },
}

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members = BTreeMap::<String, mpsc::Sender<String>>::new();
    let tell_all_but = |members: &BTreeMap<_, mpsc::Sender<String>>, sender: &str, line: String| {
        for (name, outbox) in members {
            if name != sender {
                // Full or closed: either way, nothing to deliver to. Skip it.
                let _ = outbox.try_send(line.clone());
            }
        }
    };
    // ANCHOR: mistake
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                tell_all_but(&members, &name, format!("* {name} joined"));
                members.insert(name, outbox);
            }
            Command::Say { name, text } => tell_all_but(&members, &name, format!("{name}: {text}")),
            // Its connection task is ending anyway: just let the others know.
            Command::Leave { name } => tell_all_but(&members, &name, format!("* {name} left")),
            Command::Who { reply } => {
                let _ = reply.send(members.keys().cloned().collect());
            }
        }
    }
    // ANCHOR_END: mistake
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
